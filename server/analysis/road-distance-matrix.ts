/**
 * Road distances between points (metres), for the inspection route: each point is snapped to its
 * nearest road position (snap.ts), the off-road leg counts at both ends, and one Dijkstra per
 * point runs over the road edges' lengths in both directions (an inspection crew is not held to
 * one-way rules). Points on the same edge also get the direct way along it.
 */
import type { RoadGraph } from './csr-graph';
import { dijkstra } from './dijkstra';
import type { DistanceMatrix } from './inspection-route';
import { nearestRoadPosition, type RoadPosition, type SegmentIndex } from './snap';

/** The graph's edges as undirected arcs weighted by their geometry's length (metres). */
export function lengthArcs(index: SegmentIndex) {
  const g: RoadGraph = index.graph;
  const degree = new Int32Array(g.nodeCount + 1);
  for (let e = 0; e < g.edgeCount; e++) {
    const s = (g.edgeSource[e] as number) + 1;
    const t = (g.edgeTarget[e] as number) + 1;
    degree[s] = (degree[s] as number) + 1;
    degree[t] = (degree[t] as number) + 1;
  }
  const firstArc = new Int32Array(g.nodeCount + 1);
  for (let v = 0; v < g.nodeCount; v++) firstArc[v + 1] = (firstArc[v] as number) + (degree[v + 1] as number);
  const arcHead = new Int32Array(firstArc[g.nodeCount] as number);
  const arcCost = new Float64Array(arcHead.length);
  const next = firstArc.slice(0, g.nodeCount);
  const add = (from: number, to: number, m: number) => {
    const a = next[from] as number;
    next[from] = a + 1;
    arcHead[a] = to;
    arcCost[a] = m;
  };
  for (let e = 0; e < g.edgeCount; e++) {
    const s = g.edgeSource[e] as number;
    const t = g.edgeTarget[e] as number;
    add(s, t, index.edgeGeomM[e] as number);
    add(t, s, index.edgeGeomM[e] as number);
  }
  return { nodeCount: g.nodeCount, firstArc, arcHead, arcCost };
}

export interface RoadDistances extends DistanceMatrix {
  /** Each point's road position (null on an empty network). */
  positions: (RoadPosition | null)[];
}

/**
 * @example
 * const d = roadDistanceMatrix(index, [[x0, y0], [x1, y1]]); // projected metres (graph.projection.forward)
 * d.m[0 * d.n + 1]; // metres by road from point 0 to point 1, Infinity if not connected
 */
export function roadDistanceMatrix(index: SegmentIndex, points: readonly [number, number][]): RoadDistances {
  const g = index.graph;
  const arcs = lengthArcs(index);
  const n = points.length;
  const positions = points.map(([x, y]) => nearestRoadPosition(index, x, y));
  const m = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const p = positions[i];
    m[i * n + i] = 0;
    if (!p) continue;
    const len = index.edgeGeomM[p.edge] as number;
    const reach = dijkstra(arcs, [
      { node: g.edgeSource[p.edge] as number, startS: p.distanceM + p.fraction * len, source: 0 },
      { node: g.edgeTarget[p.edge] as number, startS: p.distanceM + (1 - p.fraction) * len, source: 0 },
    ]);
    for (let j = 0; j < n; j++) {
      const q = positions[j];
      if (j === i || !q) continue;
      const lq = index.edgeGeomM[q.edge] as number;
      let best = Math.min(
        (reach.timeS[g.edgeSource[q.edge] as number] as number) + q.fraction * lq,
        (reach.timeS[g.edgeTarget[q.edge] as number] as number) + (1 - q.fraction) * lq,
      );
      if (q.edge === p.edge) best = Math.min(best, p.distanceM + Math.abs(p.fraction - q.fraction) * len);
      m[i * n + j] = best + q.distanceM;
    }
  }
  return { n, m, positions };
}
