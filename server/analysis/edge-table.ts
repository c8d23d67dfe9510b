/**
 * A graph from pgRouting's edge-table layout (id, source, target, cost, reverse_cost;
 * a negative cost closes that direction), so benchmarks and the pgRouting oracle route
 * on exactly the input `pgr_drivingDistance` sees. Edges are straight between their nodes.
 */
import { csrGraph, type RoadGraph } from './csr-graph';
import { type LocalProjection, projectionFor } from './local-projection';

export interface EdgeTableNode {
  id: number;
  lon: number;
  lat: number;
}

export interface EdgeTableEdge {
  id: number;
  source: number;
  target: number;
  /** Seconds source → target; negative = no way. */
  cost: number;
  /** Seconds target → source; negative = no way (pgRouting's one-way convention). */
  reverseCost: number;
  /** Defaults to the projected distance between the end nodes. */
  lengthM?: number;
}

/**
 * @example
 * const g = graphFromEdgeTable(nodes, [{ id: 1, source: 10, target: 11, cost: 12.5, reverseCost: -1 }]);
 * g.edgeBackwardS[0]; // Infinity: one-way
 */
export function graphFromEdgeTable(
  nodes: EdgeTableNode[],
  edges: EdgeTableEdge[],
  projection: LocalProjection = projectionFor(nodes.map((n) => [n.lon, n.lat])),
): RoadGraph {
  const index = new Map<number, number>();
  const nodeX = new Float64Array(nodes.length);
  const nodeY = new Float64Array(nodes.length);
  nodes.forEach((node, i) => {
    if (index.has(node.id)) throw new RangeError(`node ${node.id} listed twice`);
    index.set(node.id, i);
    [nodeX[i], nodeY[i]] = projection.forward(node.lon, node.lat);
  });
  const nodeOf = (id: number, edge: number): number => {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`edge ${edge}: unknown node ${id}`);
    return i;
  };
  const m = edges.length;
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const edgeForwardS = new Float64Array(m);
  const edgeBackwardS = new Float64Array(m);
  const edgeLengthM = new Float64Array(m);
  const geomX = new Float64Array(2 * m);
  const geomY = new Float64Array(2 * m);
  edges.forEach((edge, e) => {
    const s = nodeOf(edge.source, edge.id);
    const t = nodeOf(edge.target, edge.id);
    edgeSource[e] = s;
    edgeTarget[e] = t;
    edgeForwardS[e] = edge.cost < 0 ? Infinity : edge.cost;
    edgeBackwardS[e] = edge.reverseCost < 0 ? Infinity : edge.reverseCost;
    geomX[2 * e] = nodeX[s] as number;
    geomY[2 * e] = nodeY[s] as number;
    geomX[2 * e + 1] = nodeX[t] as number;
    geomY[2 * e + 1] = nodeY[t] as number;
    edgeLengthM[e] =
      edge.lengthM ??
      Math.hypot((nodeX[t] as number) - (nodeX[s] as number), (nodeY[t] as number) - (nodeY[s] as number));
  });
  return csrGraph({
    projection,
    nodeId: Float64Array.from(nodes, (n) => n.id),
    nodeX,
    nodeY,
    edgeId: Float64Array.from(edges, (e) => e.id),
    edgeSource,
    edgeTarget,
    edgeForwardS,
    edgeBackwardS,
    edgeLengthM,
    geomStart: Int32Array.from({ length: m + 1 }, (_, e) => 2 * e),
    geomX,
    geomY,
  });
}
