/**
 * Water around the scene along the roads (the way a hose is laid, issue 14): metres from the
 * scene over the road network to each water source, one-way streets open both ways (a hose is
 * not a vehicle), plus the straight legs from the scene to its road and from the road to the
 * source. Plane metres of the graph's transverse Mercator (scale ≥ 1), so a road distance is
 * never shorter than the ellipsoidal straight line.
 */
import type { RoadGraph } from './csr-graph';
import { dijkstra } from './dijkstra';
import type { ReverseArcs, ScenePositions } from './fire-call-eta';

/** Both directions of every edge at its length in metres. */
export function lengthArcs(graph: RoadGraph): ReverseArcs {
  const { nodeCount, edgeCount, edgeSource, edgeTarget, edgeLengthM } = graph;
  const degree = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    degree[(edgeSource[e] as number) + 1] = (degree[(edgeSource[e] as number) + 1] as number) + 1;
    degree[(edgeTarget[e] as number) + 1] = (degree[(edgeTarget[e] as number) + 1] as number) + 1;
  }
  for (let v = 0; v < nodeCount; v++) degree[v + 1] = (degree[v + 1] as number) + (degree[v] as number);
  const firstArc = Int32Array.from(degree);
  const fill = Int32Array.from(degree);
  const arcHead = new Int32Array(2 * edgeCount);
  const arcCost = new Float64Array(2 * edgeCount);
  const put = (from: number, to: number, m: number) => {
    const slot = fill[from] as number;
    fill[from] = slot + 1;
    arcHead[slot] = to;
    arcCost[slot] = m;
  };
  for (let e = 0; e < edgeCount; e++) {
    put(edgeSource[e] as number, edgeTarget[e] as number, edgeLengthM[e] as number);
    put(edgeTarget[e] as number, edgeSource[e] as number, edgeLengthM[e] as number);
  }
  return { nodeCount, firstArc, arcHead, arcCost };
}

/**
 * Road metres from the scene to each water source (null when not within `cutoffM` or off the roads).
 * @example
 * hoseDistances(graph, lengthArcs(graph), scene, sources, 2000); // [312.5, null, …]
 */
export function hoseDistances(
  graph: RoadGraph,
  arcs: ReverseArcs,
  scene: ScenePositions,
  sources: readonly ScenePositions[],
  cutoffM: number,
): (number | null)[] {
  const len = graph.edgeLengthM;
  const seeds = [];
  for (let k = 0; k < scene.edge.length; k++) {
    const e = scene.edge[k] as number;
    const f = scene.fraction[k] as number;
    const d = scene.distanceM[k] as number;
    seeds.push({ node: graph.edgeSource[e] as number, startS: d + f * (len[e] as number), source: k });
    seeds.push({ node: graph.edgeTarget[e] as number, startS: d + (1 - f) * (len[e] as number), source: k });
  }
  const reach = dijkstra(arcs, seeds, { cutoffS: cutoffM });
  return sources.map((src) => {
    let best = Infinity;
    for (let j = 0; j < src.edge.length; j++) {
      const e = src.edge[j] as number;
      const f = src.fraction[j] as number;
      const d = src.distanceM[j] as number;
      const m = len[e] as number;
      best = Math.min(
        best,
        (reach.timeS[graph.edgeSource[e] as number] as number) + f * m + d,
        (reach.timeS[graph.edgeTarget[e] as number] as number) + (1 - f) * m + d,
      );
      for (let k = 0; k < scene.edge.length; k++) {
        if ((scene.edge[k] as number) !== e) continue;
        best = Math.min(best, (scene.distanceM[k] as number) + Math.abs(f - (scene.fraction[k] as number)) * m + d);
      }
    }
    return best <= cutoffM ? best : null;
  });
}
