/**
 * Units to one scene point over the road network, in the station coverage model (turnout +
 * yard-to-road + road at class speeds + off-road leg, server/services/station-evaluation.ts):
 * one search backwards from the scene instead of one forward search per unit. The scene enters
 * the reversed graph through its road positions within the off-road limit (road-access.ts gives
 * them), each at its off-road leg plus the way along its edge to the edge's end; a unit's ETA is
 * then its best seed's start time plus the reversed time of that seed's node — the same sums as
 * the forward search adds, in the other order (equal to ~1e-9 s) — or, on the scene's own edge,
 * the direct way along it, exactly as accessTimes takes it.
 */
import type { RoadGraph } from './csr-graph';
import { dijkstra, type Reach, type Seed } from './dijkstra';
import type { Placed } from './place-units';

/** The scene's road positions: edge, fraction along it, straight metres from the scene. */
export interface ScenePositions {
  edge: ArrayLike<number>;
  fraction: ArrayLike<number>;
  distanceM: ArrayLike<number>;
}

/** Arcs reversed (w → v for every v → w), in CSR, with the edge each one runs on. */
export interface ReverseArcs {
  nodeCount: number;
  firstArc: Int32Array;
  arcHead: Int32Array;
  arcCost: Float64Array;
}

/**
 * @example
 * const reverse = reverseArcs(graph); // once per graph
 */
export function reverseArcs(graph: RoadGraph): ReverseArcs {
  const { nodeCount, firstArc, arcHead, arcCost } = graph;
  const arcs = arcHead.length;
  const degree = new Int32Array(nodeCount + 1);
  for (let a = 0; a < arcs; a++)
    degree[(arcHead[a] as number) + 1] = (degree[(arcHead[a] as number) + 1] as number) + 1;
  for (let v = 0; v < nodeCount; v++) degree[v + 1] = (degree[v + 1] as number) + (degree[v] as number);
  const first = Int32Array.from(degree);
  const fill = Int32Array.from(degree);
  const head = new Int32Array(arcs);
  const cost = new Float64Array(arcs);
  for (let v = 0; v < nodeCount; v++) {
    for (let a = firstArc[v] as number; a < (firstArc[v + 1] as number); a++) {
      const w = arcHead[a] as number;
      const slot = fill[w] as number;
      fill[w] = slot + 1;
      head[slot] = v;
      cost[slot] = arcCost[a] as number;
    }
  }
  return { nodeCount, firstArc: first, arcHead: head, arcCost: cost };
}

/** A scene seed: `source` is the index of the scene position it comes from. */
export function sceneSeeds(graph: RoadGraph, scene: ScenePositions, offRoadSpeedKmh: number): Seed[] {
  const offRoadSpm = 3.6 / offRoadSpeedKmh;
  const seeds: Seed[] = [];
  for (let k = 0; k < scene.edge.length; k++) {
    const e = scene.edge[k] as number;
    const f = scene.fraction[k] as number;
    const leg = (scene.distanceM[k] as number) * offRoadSpm;
    const forward = graph.edgeForwardS[e] as number;
    const backward = graph.edgeBackwardS[e] as number;
    // Arriving along the edge's forward way enters at its source node; the backward way at its target.
    if (forward < Infinity) seeds.push({ node: graph.edgeSource[e] as number, startS: leg + f * forward, source: k });
    if (backward < Infinity)
      seeds.push({ node: graph.edgeTarget[e] as number, startS: leg + (1 - f) * backward, source: k });
  }
  return seeds;
}

/** Seconds from every node to the scene (Infinity beyond the cutoff) and the scene position reached. */
export function reverseReach(reverse: ReverseArcs, seeds: readonly Seed[], cutoffS: number): Reach {
  return dijkstra(reverse, seeds, { cutoffS });
}

/** How a unit gets there: through a graph node, or along the scene's own edge. */
export type UnitWay =
  | { kind: 'node'; placement: number; node: number }
  | { kind: 'edge'; placement: number; position: number };

export interface UnitEta {
  /** Index of the unit in the placed input. */
  source: number;
  /** Seconds from the alarm; Infinity when not within the cutoff. */
  etaS: number;
  way: UnitWay | null;
}

/**
 * Every unit's ETA to the scene (the station coverage model), units off the network included
 * (Infinity, no way).
 * @example
 * const etas = unitEtas(graph, placed, unitCount, scene, reverseReach(rev, sceneSeeds(graph, scene, 5), 3600), 5);
 */
export function unitEtas(
  graph: RoadGraph,
  placed: Placed,
  unitCount: number,
  scene: ScenePositions,
  reach: Reach,
  offRoadSpeedKmh: number,
): UnitEta[] {
  const offRoadSpm = 3.6 / offRoadSpeedKmh;
  const out: UnitEta[] = Array.from({ length: unitCount }, (_, source) => ({ source, etaS: Infinity, way: null }));
  const offer = (source: number, t: number, way: UnitWay) => {
    const u = out[source] as UnitEta;
    if (t < u.etaS) {
      u.etaS = t;
      u.way = way;
    }
  };
  placed.placements.forEach((p, pi) => {
    const forward = graph.edgeForwardS[p.edge] as number;
    const backward = graph.edgeBackwardS[p.edge] as number;
    // The unit's seeds, as placeUnits made them: the edge's target ahead, its source behind.
    if (forward < Infinity) {
      const node = graph.edgeTarget[p.edge] as number;
      offer(p.source, p.startS + (1 - p.fraction) * forward + (reach.timeS[node] as number), {
        kind: 'node',
        placement: pi,
        node,
      });
    }
    if (backward < Infinity) {
      const node = graph.edgeSource[p.edge] as number;
      offer(p.source, p.startS + p.fraction * backward + (reach.timeS[node] as number), {
        kind: 'node',
        placement: pi,
        node,
      });
    }
    for (let k = 0; k < scene.edge.length; k++) {
      if ((scene.edge[k] as number) !== p.edge) continue;
      const f = scene.fraction[k] as number;
      const leg = (scene.distanceM[k] as number) * offRoadSpm;
      if (f >= p.fraction && forward < Infinity)
        offer(p.source, p.startS + (f - p.fraction) * forward + leg, { kind: 'edge', placement: pi, position: k });
      if (f <= p.fraction && backward < Infinity)
        offer(p.source, p.startS + (p.fraction - f) * backward + leg, { kind: 'edge', placement: pi, position: k });
    }
  });
  for (const u of out) {
    if (!(u.etaS <= reach.cutoffS)) {
      u.etaS = Infinity;
      u.way = null;
    }
  }
  return out;
}
