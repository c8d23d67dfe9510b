/**
 * Independent brute-force answers for the analysis tests: no heap, no spatial index, no
 * scanline — Bellman–Ford and Floyd–Warshall over the edge list, every segment for every
 * point, turf's point-in-polygon for every cell.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { EdgeTableEdge, EdgeTableNode } from '../../../server/analysis/edge-table';
import type { LocalProjection } from '../../../server/analysis/local-projection';

/** Seeded PRNG (mulberry32): the same cases on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random nodes in a ~2 km square near 33.5°N and random edges, some one-way (reverse cost -1);
 * `integerCosts` (1–6 s) makes equal-time ties common.
 */
export function randomEdgeTable(
  rand: () => number,
  nodeCount: number,
  edgeCount: number,
  oneWayShare = 0.3,
  integerCosts = false,
) {
  const nodes: EdgeTableNode[] = Array.from({ length: nodeCount }, (_, i) => ({
    id: 100 + 7 * i,
    lon: 113.6 + rand() * 0.02,
    lat: 33.5 + rand() * 0.018,
  }));
  const edges: EdgeTableEdge[] = Array.from({ length: edgeCount }, (_, i) => {
    const source = nodes[Math.floor(rand() * nodeCount)]?.id as number;
    const target = nodes[Math.floor(rand() * nodeCount)]?.id as number;
    const cost = integerCosts ? 1 + Math.floor(rand() * 6) : 5 + rand() * 120;
    const reverse = integerCosts ? 1 + Math.floor(rand() * 6) : cost * (0.8 + rand() * 0.4);
    return { id: i + 1, source, target, cost, reverseCost: rand() < oneWayShare ? -1 : reverse };
  });
  return { nodes, edges };
}

/** Shortest seconds from each start (node id → start time) to every node id, by Bellman–Ford. */
export function bellmanFord(
  nodes: EdgeTableNode[],
  edges: EdgeTableEdge[],
  starts: Map<number, number>,
): Map<number, number> {
  const d = new Map(nodes.map((n) => [n.id, starts.get(n.id) ?? Infinity]));
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      const relax = (from: number, to: number, cost: number) => {
        const t = (d.get(from) as number) + cost;
        if (cost >= 0 && t < (d.get(to) as number)) {
          d.set(to, t);
          changed = true;
        }
      };
      relax(e.source, e.target, e.cost);
      relax(e.target, e.source, e.reverseCost);
    }
    if (!changed) break;
  }
  return d;
}

/** All-pairs seconds by Floyd–Warshall; dist[i][j] over node positions in `nodes`. */
export function floydWarshall(nodes: EdgeTableNode[], edges: EdgeTableEdge[]): number[][] {
  const at = new Map(nodes.map((n, i) => [n.id, i]));
  const dist = nodes.map((_, i) => nodes.map((_, j) => (i === j ? 0 : Infinity)));
  for (const e of edges) {
    const s = at.get(e.source) as number;
    const t = at.get(e.target) as number;
    const row = (i: number) => dist[i] as number[];
    if (e.cost >= 0) row(s)[t] = Math.min(row(s)[t] as number, e.cost);
    if (e.reverseCost >= 0) row(t)[s] = Math.min(row(t)[s] as number, e.reverseCost);
  }
  for (let k = 0; k < nodes.length; k++) {
    const dk = dist[k] as number[];
    for (const di of dist) {
      const dik = di[k] as number;
      if (dik === Infinity) continue;
      for (let j = 0; j < nodes.length; j++) {
        const via = dik + (dk[j] as number);
        if (via < (di[j] as number)) di[j] = via;
      }
    }
  }
  return dist;
}

/** Closest point of segment a–b to p (plane metres): distance and parameter along it. */
export function closestOnSegment(p: number[], a: number[], b: number[]): { distanceM: number; u: number } {
  const [px = 0, py = 0] = p;
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
  const u = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2)) : 0;
  return { distanceM: Math.hypot(px - ax - u * (bx - ax), py - ay - u * (by - ay)), u };
}

export interface BruteUnit {
  lon: number;
  lat: number;
  startS: number;
}

/**
 * Fastest and second-fastest distinct unit per point, by definition: every unit snapped to
 * its nearest edge by scanning all edges, node times by Floyd–Warshall, every edge within
 * `radiusM` of the point tried at its closest spot, plus the off-road leg. Edges are straight.
 */
export function bruteForceTimes(
  table: { nodes: EdgeTableNode[]; edges: EdgeTableEdge[] },
  projection: LocalProjection,
  units: BruteUnit[],
  points: number[][],
  o: { radiusM: number; offRoadKmh: number; accessKmh: number; cutoffS: number },
): { t1: number; s1: number; t2: number; s2: number }[] {
  const { nodes, edges } = table;
  const at = new Map(nodes.map((n, i) => [n.id, i]));
  const xy = nodes.map((n) => projection.forward(n.lon, n.lat));
  const end = (e: EdgeTableEdge) =>
    [xy[at.get(e.source) as number] as number[], xy[at.get(e.target) as number] as number[]] as const;
  const fw = floydWarshall(nodes, edges);
  // Seconds for a share of an edge; a closed way stays closed even for a zero share.
  const fwd = (e: EdgeTableEdge, share: number) => (e.cost >= 0 ? share * e.cost : Infinity);
  const bwd = (e: EdgeTableEdge, share: number) => (e.reverseCost >= 0 ? share * e.reverseCost : Infinity);
  const placed = units.map((u) => {
    const p = projection.forward(u.lon, u.lat);
    let best = { edge: edges[0] as EdgeTableEdge, distanceM: Infinity, u: 0 };
    for (const e of edges) {
      const c = closestOnSegment(p, ...end(e));
      if (c.distanceM < best.distanceM - 1e-9) best = { edge: e, ...c }; // ties: the first edge, as placeUnits
    }
    const start = u.startS + best.distanceM / (o.accessKmh / 3.6);
    const toNode = nodes.map((_, j) => {
      const s = at.get(best.edge.source) as number;
      const t = at.get(best.edge.target) as number;
      return Math.min(
        start + fwd(best.edge, 1 - best.u) + (fw[t]?.[j] as number),
        start + bwd(best.edge, best.u) + (fw[s]?.[j] as number),
      );
    });
    return { ...best, start, toNode };
  });
  return points.map((p) => {
    const perUnit = placed.map((unit) => {
      let t = Infinity;
      for (const e of edges) {
        const c = closestOnSegment(p, ...end(e));
        if (c.distanceM > o.radiusM) continue;
        const leg = c.distanceM / (o.offRoadKmh / 3.6);
        const s = at.get(e.source) as number;
        const tg = at.get(e.target) as number;
        const candidates = [(unit.toNode[s] as number) + fwd(e, c.u), (unit.toNode[tg] as number) + bwd(e, 1 - c.u)];
        if (unit.edge === e) {
          candidates.push(c.u >= unit.u ? unit.start + fwd(e, c.u - unit.u) : Infinity);
          candidates.push(c.u <= unit.u ? unit.start + bwd(e, unit.u - c.u) : Infinity);
        }
        t = Math.min(t, leg + Math.min(...candidates));
      }
      return t;
    });
    const order = perUnit.map((t, s) => ({ t, s })).sort((a, b) => a.t - b.t);
    const [a, b] = order;
    const ok = (x: { t: number } | undefined) => x !== undefined && x.t <= o.cutoffS;
    return {
      t1: ok(a) ? (a?.t as number) : Infinity,
      s1: ok(a) ? (a?.s as number) : -1,
      t2: ok(b) ? (b?.t as number) : Infinity,
      s2: ok(b) ? (b?.s as number) : -1,
    };
  });
}

/** Is a lon/lat point inside the area (turf, boundary counts as inside)? */
export function inside(area: Polygon | MultiPolygon, lonLat: number[]): boolean {
  return booleanPointInPolygon(lonLat, area);
}
