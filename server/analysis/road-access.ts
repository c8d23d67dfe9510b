/**
 * From node times to times at arbitrary points (grid cells, sites): a point is reached from
 * every road position within the off-road distance — the nearest spot of each nearby
 * segment — at that position's time plus the off-road leg at a slow speed. Points with no
 * road within reach stay uncovered, however fast the road beyond.
 */
import type { RoadGraph } from './csr-graph';
import type { Reach } from './dijkstra';
import type { Placement } from './place-units';
import { roadPositionsWithin, type SegmentIndex } from './snap';

/** Candidate road positions per point, CSR: point i owns candidates start[i] .. start[i + 1] - 1. */
export interface AccessLists {
  radiusM: number;
  start: Int32Array;
  edge: Int32Array;
  fraction: Float64Array;
  distanceM: Float64Array;
}

export interface AccessTimes {
  cutoffS: number;
  /** Seconds to each point (Infinity: not within the cutoff, or no road near) and its first-due source. */
  timeS: Float64Array;
  source: Int32Array;
  /** When the reach has second-due labels: the fastest other source per point. */
  secondTimeS: Float64Array | null;
  secondSource: Int32Array | null;
}

/**
 * Depends only on geometry: build once per graph and point set, reuse for every scenario.
 * @example
 * const access = accessLists(index, cellX, cellY, 200);
 */
export function accessLists(
  index: SegmentIndex,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  radiusM: number,
): AccessLists {
  const start = new Int32Array(xs.length + 1);
  const edge: number[] = [];
  const fraction: number[] = [];
  const distanceM: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    roadPositionsWithin(index, xs[i] as number, ys[i] as number, radiusM, (p) => {
      edge.push(p.edge);
      fraction.push(p.fraction);
      distanceM.push(p.distanceM);
    });
    start[i + 1] = edge.length;
  }
  return {
    radiusM,
    start,
    edge: Int32Array.from(edge),
    fraction: Float64Array.from(fraction),
    distanceM: Float64Array.from(distanceM),
  };
}

/**
 * @example
 * const t = accessTimes(graph, access, reach, placed.placements, 5); // 5 km/h off-road
 * t.timeS[i] <= 300; // point i within 5 min
 */
export function accessTimes(
  graph: RoadGraph,
  access: AccessLists,
  reach: Reach,
  placements: readonly Placement[],
  offRoadSpeedKmh: number,
): AccessTimes {
  const n = access.start.length - 1;
  const withSecond = reach.secondTimeS !== null && reach.secondSource !== null;
  const out: AccessTimes = {
    cutoffS: reach.cutoffS,
    timeS: new Float64Array(n).fill(Infinity),
    source: new Int32Array(n).fill(-1),
    secondTimeS: withSecond ? new Float64Array(n).fill(Infinity) : null,
    secondSource: withSecond ? new Int32Array(n).fill(-1) : null,
  };
  const onEdge = new Map<number, Placement[]>();
  for (const p of placements) onEdge.set(p.edge, [...(onEdge.get(p.edge) ?? []), p]);
  const offRoadSpm = 3.6 / offRoadSpeedKmh;
  const best = new TopTwo();
  for (let i = 0; i < n; i++) {
    best.reset();
    for (let k = access.start[i] as number; k < (access.start[i + 1] as number); k++) {
      const e = access.edge[k] as number;
      const f = access.fraction[k] as number;
      const leg = (access.distanceM[k] as number) * offRoadSpm;
      const forward = graph.edgeForwardS[e] as number;
      const backward = graph.edgeBackwardS[e] as number;
      // Along the edge from its source node (forward way) or from its target node (backward way).
      if (forward < Infinity) offerNode(best, reach, graph.edgeSource[e] as number, leg + f * forward);
      if (backward < Infinity) offerNode(best, reach, graph.edgeTarget[e] as number, leg + (1 - f) * backward);
      // A unit on this very edge reaches the position without passing a node.
      for (const p of onEdge.size > 0 ? (onEdge.get(e) ?? []) : []) {
        if (f >= p.fraction && forward < Infinity) best.offer(p.source, p.startS + (f - p.fraction) * forward + leg);
        if (f <= p.fraction && backward < Infinity) best.offer(p.source, p.startS + (p.fraction - f) * backward + leg);
      }
    }
    if (best.t1 <= reach.cutoffS) {
      out.timeS[i] = best.t1;
      out.source[i] = best.s1;
    }
    if (out.secondTimeS && out.secondSource && best.t2 <= reach.cutoffS) {
      out.secondTimeS[i] = best.t2;
      out.secondSource[i] = best.s2;
    }
  }
  return out;
}

function offerNode(best: TopTwo, reach: Reach, node: number, extraS: number): void {
  best.offer(reach.source[node] as number, (reach.timeS[node] as number) + extraS);
  if (reach.secondTimeS && reach.secondSource) {
    best.offer(reach.secondSource[node] as number, (reach.secondTimeS[node] as number) + extraS);
  }
}

/** The two fastest distinct sources offered. */
class TopTwo {
  t1 = Infinity;
  s1 = -1;
  t2 = Infinity;
  s2 = -1;

  reset(): void {
    this.t1 = Infinity;
    this.s1 = -1;
    this.t2 = Infinity;
    this.s2 = -1;
  }

  offer(s: number, t: number): void {
    if (s < 0) return;
    if (s === this.s1) {
      this.t1 = Math.min(this.t1, t);
    } else if (t < this.t1) {
      this.t2 = this.t1;
      this.s2 = this.s1;
      this.t1 = t;
      this.s1 = s;
    } else if (t < this.t2) {
      this.t2 = t;
      this.s2 = s;
    }
  }
}
