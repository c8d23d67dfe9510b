/**
 * SYNTHETIC county-wide roads (no county-wide road data is public, SOURCES.md), joined to the real
 * OSM county-seat streets. One Delaunay triangulation over township seats, villages and the
 * "gateways" (loose ends of the OSM extract outside its box) gives the candidate links; the
 * county-seat town counts as one node reached through its gateways. Picked from it:
 * - county roads (县道): shortest paths between neighbouring township seats;
 * - one national and one provincial corridor (国道/省道) crossing the county through the seat;
 * - township roads (乡道): each village's path to its own seat over the minimum spanning tree;
 * - village roads (村道): the rest of the tree plus some short extra links, so villages have loops.
 * Links touching the OSM box are skipped: inside it the real streets carry the traffic.
 */
import { Delaunay } from 'd3-delaunay';
import { distXY, type XY } from '../../server/geo/plane';
import { projectOnSegment, segmentHitsBox, segmentHitsRings } from '../../server/geo/segments';
import { UnionFind } from '../../server/geo/union-find';
import type { GenContext } from './context';
import type { OsmLine } from './osm-roads';
import type { RoadClass } from './road-classes';
import { adjacency, dijkstra, pathEdges, type ShortestPathTree, type WeightedEdge } from './shortest-path';
import type { GenTownship } from './townships';
import type { GenVillage } from './villages';

export interface SyntheticLine {
  coords: XY[];
  cls: RoadClass;
  name: string | null;
}

/** Longer Delaunay links are hull artefacts, not roads. */
const MAX_LINK_M = 4500;
const EXTRA_LINK_MAX_M = 1800;
const EXTRA_LINK_SHARE = 0.35;
/** Extra links must leave a node at a real angle, not run beside an existing road. */
const MIN_ANGLE_DEG = 35;
const GATEWAY_CLEARANCE_M = 20;
/** Corridors as compass bearings of their two ends from the county seat (0 = north). */
const CORRIDORS: { cls: RoadClass; bearings: [number, number] }[] = [
  { cls: 'national', bearings: [265, 65] },
  { cls: 'provincial', bearings: [12, 165] },
];

interface Candidate extends WeightedEdge {
  real: boolean;
}

function gateways(ctx: GenContext, osm: OsmLine[]): XY[] {
  const vertices = osm.flatMap((l) => l.coords);
  const out: XY[] = [];
  for (const line of osm) {
    for (const end of [line.coords[0], line.coords[line.coords.length - 1]] as XY[]) {
      if (ctx.inOsmBox(end)) continue;
      // Shared with another way: the street continues, this is not a loose end.
      if (vertices.filter((v) => distXY(v, end) < 1).length > 1) continue;
      const nearBoundary = ctx.countyRings.some((ring) =>
        ring.some((p, k) => k > 0 && projectOnSegment(end, ring[k - 1] as XY, p).dist < GATEWAY_CLEARANCE_M),
      );
      if (!nearBoundary) out.push(end);
    }
  }
  return out;
}

function delaunayEdges(points: XY[]): [number, number][] {
  const d = Delaunay.from(points);
  const out: [number, number][] = [];
  for (let e = 0; e < d.halfedges.length; e++) {
    const twin = d.halfedges[e] as number;
    if (twin > e) continue;
    const next = e % 3 === 2 ? e - 2 : e + 1;
    const a = d.triangles[e] as number;
    const b = d.triangles[next] as number;
    out.push(a < b ? [a, b] : [b, a]);
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

function bearingPoint(ctx: GenContext, from: XY, bearingDeg: number): XY | undefined {
  const rad = (bearingDeg * Math.PI) / 180;
  const far: XY = [from[0] + 80000 * Math.sin(rad), from[1] + 80000 * Math.cos(rad)];
  let best: number | undefined;
  for (const ring of ctx.countyRings) {
    for (let k = 1; k < ring.length; k++) {
      const a = ring[k - 1] as XY;
      const b = ring[k] as XY;
      // Ray–segment intersection parameter along from→far.
      const dx = far[0] - from[0];
      const dy = far[1] - from[1];
      const sx = b[0] - a[0];
      const sy = b[1] - a[1];
      const den = dx * sy - dy * sx;
      if (den === 0) continue;
      const t = ((a[0] - from[0]) * sy - (a[1] - from[1]) * sx) / den;
      const u = ((a[0] - from[0]) * dy - (a[1] - from[1]) * dx) / den;
      if (t > 0 && u >= 0 && u <= 1 && (best === undefined || t < best)) best = t;
    }
  }
  if (best === undefined) return undefined;
  const back = best - 30 / 80000;
  return [from[0] + back * (far[0] - from[0]), from[1] + back * (far[1] - from[1])];
}

function angleBetween(o: XY, a: XY, b: XY): number {
  const a1 = Math.atan2(a[1] - o[1], a[0] - o[0]);
  const a2 = Math.atan2(b[1] - o[1], b[0] - o[0]);
  let d = Math.abs(a1 - a2) * (180 / Math.PI);
  if (d > 180) d = 360 - d;
  return d;
}

export function synthesizeRoads(
  ctx: GenContext,
  townships: GenTownship[],
  villages: GenVillage[],
  osm: OsmLine[],
): SyntheticLine[] {
  const rng = ctx.rng.fork('road-network');
  const seatTownship = ctx.real.seatTownshipCode;
  const ruralSeats = townships.filter((t) => t.code !== seatTownship);
  const gates = gateways(ctx, osm);
  const points: XY[] = [...ruralSeats.map((t) => t.seatXY), ...villages.map((v) => v.xy), ...gates];
  const townNode = points.length;
  const seatNode = new Map<string, number>(ruralSeats.map((t, i) => [t.code, i]));
  seatNode.set(seatTownship, townNode);
  const gateStart = ruralSeats.length + villages.length;

  const edges: Candidate[] = [];
  for (const [a, b] of delaunayEdges(points)) {
    const pa = points[a] as XY;
    const pb = points[b] as XY;
    const w = distXY(pa, pb);
    if (w > MAX_LINK_M || segmentHitsRings(pa, pb, ctx.countyRings) || segmentHitsBox(pa, pb, ctx.osmBox)) continue;
    edges.push({ a, b, w, real: true });
  }
  // The town as one node: reaching a gateway is reaching the town (its streets do the rest).
  const town = ctx.proj.toXY(ctx.real.seat);
  gates.forEach((g, i) => {
    edges.push({ a: townNode, b: gateStart + i, w: distXY(town, g), real: false });
  });
  const n = points.length + 1;
  const adj = adjacency(n, edges);
  const cls = new Map<number, RoadClass>();
  const names = new Map<number, string>();
  const mark = (ei: number, c: RoadClass) => {
    if ((edges[ei] as Candidate).real && !cls.has(ei)) cls.set(ei, c);
  };
  const stubs: SyntheticLine[] = [];

  // Corridors first: they outrank county roads on shared stretches.
  const fromTown = dijkstra(adj, edges, townNode);
  for (const corridor of CORRIDORS) {
    for (const bearing of corridor.bearings) {
      const target = bearingPoint(ctx, town, bearing);
      if (!target) continue;
      let end = -1;
      points.forEach((p, i) => {
        if (Number.isFinite(fromTown.dist[i]) && (end < 0 || distXY(p, target) < distXY(points[end] as XY, target)))
          end = i;
      });
      for (const ei of pathEdges(fromTown, edges, end)) mark(ei, corridor.cls);
      const endXY = points[end] as XY;
      // Carry the corridor on to the county line (it continues beyond the county).
      if (distXY(endXY, target) > 50 && !segmentHitsRings(endXY, target, ctx.countyRings)) {
        stubs.push({ coords: [endXY, target], cls: corridor.cls, name: null });
      }
    }
  }

  // County roads between neighbouring seats, named from the two towns' first characters (舞北路 style).
  const seatXY = townships.map((t) => (t.code === seatTownship ? town : t.seatXY));
  const seatTrees = townships.map((t) => dijkstra(adj, edges, seatNode.get(t.code) as number));
  for (const [i, j] of delaunayEdges(seatXY)) {
    const a = townships[i] as GenTownship;
    const b = townships[j] as GenTownship;
    const name = `${a.name.slice(0, 1)}${b.name.slice(0, 1)}路`;
    for (const ei of pathEdges(seatTrees[i] as ShortestPathTree, edges, seatNode.get(b.code) as number)) {
      mark(ei, 'county');
      if (!names.has(ei) && cls.get(ei) === 'county') names.set(ei, name);
    }
  }

  // Minimum spanning tree (the town's virtual links first, so it acts as one node).
  const order = edges
    .map((_, i) => i)
    .sort((p, q) => {
      const ep = edges[p] as Candidate;
      const eq = edges[q] as Candidate;
      return Number(ep.real) - Number(eq.real) || ep.w - eq.w || p - q;
    });
  const uf = new UnionFind(n);
  const chosen = new Set<number>(cls.keys());
  for (const ei of order) {
    const e = edges[ei] as Candidate;
    if (uf.union(e.a, e.b) && e.real) chosen.add(ei);
  }
  // Extra short links at clean angles: villages get a second way out.
  const incident = (node: number) =>
    (adj[node] ?? [])
      .filter((ei) => chosen.has(ei))
      .map((ei) => {
        const e = edges[ei] as Candidate;
        return points[e.a === node ? e.b : e.a] as XY;
      });
  for (const ei of order) {
    const e = edges[ei] as Candidate;
    if (!e.real || chosen.has(ei) || e.w > EXTRA_LINK_MAX_M || !rng.chance(EXTRA_LINK_SHARE)) continue;
    const pa = points[e.a] as XY;
    const pb = points[e.b] as XY;
    const clean =
      incident(e.a).every((q) => angleBetween(pa, pb, q) >= MIN_ANGLE_DEG) &&
      incident(e.b).every((q) => angleBetween(pb, pa, q) >= MIN_ANGLE_DEG);
    if (clean) chosen.add(ei);
  }

  // Township roads: each village's shortest way to its own seat over the chosen links.
  const chosenEdges = edges.map((e, i) => (chosen.has(i) || !e.real ? e : { ...e, w: Infinity }));
  const chosenAdj = adjacency(n, chosenEdges);
  townships.forEach((t) => {
    const tree = dijkstra(chosenAdj, chosenEdges, seatNode.get(t.code) as number);
    villages.forEach((v, k) => {
      if (v.townshipCode !== t.code) return;
      for (const ei of pathEdges(tree, chosenEdges, ruralSeats.length + k)) mark(ei, 'township');
    });
  });
  for (const ei of chosen) mark(ei, 'village');

  const lines: SyntheticLine[] = [...chosen]
    .sort((p, q) => p - q)
    .map((ei) => {
      const e = edges[ei] as Candidate;
      return {
        coords: [points[e.a] as XY, points[e.b] as XY],
        cls: cls.get(ei) as RoadClass,
        name: names.get(ei) ?? null,
      };
    });
  return [...lines, ...stubs];
}
