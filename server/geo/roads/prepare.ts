/**
 * Ways read from a file → the rows of the `roads` table for one county: tags mapped to our
 * classes (`tags.ts`), one-ways turned to the drawing direction, lines clipped to the county
 * (`clip.ts`), and noded (`server/geo/node-lines.ts`) so the routing graph, which joins
 * edges only at shared end points, connects. Roads on different layers (bridges, tunnels) are
 * noded separately: a bridge is not joined to the road it passes over, only where its ends
 * touch another line. Pure: no database, no files.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Position } from 'geojson';
import { nodeLines } from '../node-lines';
import { localProjection, type XY } from '../plane';
import { projectOnSegment } from '../segments';
import { UnionFind } from '../union-find';
import { clipper } from './clip';
import { RoadImportError } from './errors';
import type { RoadClass } from './osm-highway';
import type { RawWay } from './parse';
import { type RoadTags, roadTags } from './tags';

export interface ImportEdge {
  cls: RoadClass;
  highway: string | null;
  name: string | null;
  /** One-way in the drawing direction. */
  oneway: boolean;
  osmId: number | null;
  /** Index of the way in the input. */
  way: number;
  layer: number;
  /** WGS84, rounded to 1e-7° (≈ 1 cm). */
  coords: Position[];
  /** Planar length in the local projection, metres (the database stores the geodesic one). */
  lengthM: number;
}

export interface ClassTotals {
  ways: number;
  edges: number;
  km: number;
}

export interface ImportSummary {
  waysRead: number;
  /** Features that were not lines (ignored). */
  notLines: number;
  /** Drivable ways with a usable line. */
  waysKept: number;
  /** Dropped ways per reason ("highway=footway", "too short", …). */
  dropped: Record<string, number>;
  /** Kept ways entirely outside the county. */
  waysOutside: number;
  /** Kept ways cut at the county line. */
  waysClipped: number;
  /** Pieces inside the county before noding. */
  pieces: number;
  /** Edges after noding (rows written). */
  edges: number;
  perClass: Partial<Record<RoadClass, ClassTotals>>;
  totalKm: number;
  onewayEdges: number;
  components: number;
  /** Share of the network's length in its largest (undirected) component, 0–1. */
  largestComponentShare: number;
}

export interface PreparedRoads {
  edges: ImportEdge[];
  summary: ImportSummary;
}

export interface PrepareOptions {
  /** Points closer than this are one node (noding), metres. */
  snapM?: number;
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function centreOf(area: MultiPolygon): Position {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const polygon of area.coordinates) {
    for (const [x, y] of (polygon[0] ?? []) as [number, number][]) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return [(x0 + x1) / 2, (y0 + y1) / 2];
}

function polylineLength(coords: readonly XY[]): number {
  let len = 0;
  for (let i = 1; i < coords.length; i++) {
    len += Math.hypot((coords[i] as XY)[0] - (coords[i - 1] as XY)[0], (coords[i] as XY)[1] - (coords[i - 1] as XY)[1]);
  }
  return len;
}

function dedupe(coords: XY[]): XY[] {
  return coords.filter((p, i) => i === 0 || p[0] !== coords[i - 1]?.[0] || p[1] !== coords[i - 1]?.[1]);
}

interface Piece {
  way: number;
  tags: RoadTags;
  coords: XY[];
}

/**
 * Nodes each layer on its own. A line end of another layer is passed in as a 1 mm probe line,
 * so a bridge ending on the interior of a ground road still splits it there; probes are never
 * emitted (shorter than the snap distance).
 */
function nodeByLayer(pieces: Piece[], snapM: number): { piece: number; coords: XY[] }[] {
  const layers = [...new Set(pieces.map((p) => p.tags.layer))].sort((a, b) => a - b);
  const out: { piece: number; coords: XY[] }[] = [];
  for (const layer of layers) {
    const own = pieces.flatMap((p, i) => (p.tags.layer === layer ? [i] : []));
    const touches =
      layers.length === 1
        ? () => false
        : nearLines(
            own.map((i) => (pieces[i] as Piece).coords),
            snapM,
          );
    const probes: XY[][] = [];
    if (layers.length > 1) {
      for (const p of pieces) {
        if (p.tags.layer === layer) continue;
        for (const e of [p.coords[0] as XY, p.coords[p.coords.length - 1] as XY]) {
          if (touches(e)) probes.push([e, [e[0] + 0.001, e[1]]]);
        }
      }
    }
    const net = nodeLines([...own.map((i) => (pieces[i] as Piece).coords), ...probes], snapM);
    for (const e of net.edges) {
      if (e.line < own.length) out.push({ piece: own[e.line] as number, coords: e.coords });
    }
  }
  if (layers.length > 1) snapEnds(out, snapM);
  return out;
}

/** Is a point within `dist` of any of the lines? (Flatbush over their segments.) */
function nearLines(lines: readonly XY[][], dist: number): (p: XY) => boolean {
  const segs: [XY, XY][] = [];
  for (const line of lines) for (let k = 1; k < line.length; k++) segs.push([line[k - 1] as XY, line[k] as XY]);
  if (segs.length === 0) return () => false;
  const index = new Flatbush(segs.length);
  for (const [a, b] of segs)
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  return (p) =>
    index
      .search(p[0] - dist, p[1] - dist, p[0] + dist, p[1] + dist)
      .some((i) => projectOnSegment(p, (segs[i] as [XY, XY])[0], (segs[i] as [XY, XY])[1]).dist <= dist);
}

/** Separately noded layers can leave an end a few centimetres off its partner: join ends within snapM. */
function snapEnds(edges: { coords: XY[] }[], snapM: number): void {
  const ends: XY[] = edges.flatMap((e) => [e.coords[0] as XY, e.coords[e.coords.length - 1] as XY]);
  const uf = new UnionFind(ends.length);
  const grid = new Map<string, number[]>();
  ends.forEach((p, i) => {
    const cx = Math.floor(p[0] / snapM);
    const cy = Math.floor(p[1] / snapM);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(`${cx + dx} ${cy + dy}`) ?? []) {
          const q = ends[j] as XY;
          if (Math.hypot(p[0] - q[0], p[1] - q[1]) <= snapM) uf.union(i, j);
        }
      }
    }
    const key = `${cx} ${cy}`;
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  });
  edges.forEach((e, k) => {
    e.coords[0] = ends[uf.find(2 * k)] as XY;
    e.coords[e.coords.length - 1] = ends[uf.find(2 * k + 1)] as XY;
  });
}

/**
 * @example
 * const { edges, summary } = prepareRoads(ways, countyGeom);
 * summary.components; // 1 when every kept road connects
 */
export function prepareRoads(
  ways: readonly RawWay[],
  county: MultiPolygon,
  options: PrepareOptions = {},
): PreparedRoads {
  const snapM = options.snapM ?? 1;
  const proj = localProjection(centreOf(county));
  const area: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: county.coordinates.map((polygon) => polygon.map((ring) => ring.map((p) => proj.toXY(p)))),
  };
  const clip = clipper(area);
  const dropped: Record<string, number> = {};
  const drop = (reason: string) => {
    dropped[reason] = (dropped[reason] ?? 0) + 1;
  };
  const pieces: Piece[] = [];
  let waysKept = 0;
  let waysOutside = 0;
  let waysClipped = 0;
  const waysPerClass = new Map<RoadClass, Set<number>>();

  ways.forEach((way, w) => {
    const result = roadTags(way.props);
    if ('dropped' in result) {
      drop(result.dropped);
      return;
    }
    const tags = result.kept;
    const parts = way.parts
      .map((part) => dedupe(part.map((p) => proj.toXY(p))))
      .filter((part) => part.length >= 2 && polylineLength(part) > 0);
    if (parts.length === 0) {
      drop('no usable line');
      return;
    }
    waysKept++;
    let inside = 0;
    let cut = false;
    for (const part of parts) {
      const travel = tags.oneway === 'reverse' ? [...part].reverse() : part;
      const clipped = clip.clip(travel);
      const kept = clipped.reduce((s, c) => s + polylineLength(c), 0);
      if (Math.abs(kept - polylineLength(travel)) > 1e-6) cut = true;
      for (const coords of clipped) {
        if (polylineLength(coords) <= 0) continue;
        pieces.push({ way: w, tags, coords });
        inside++;
      }
    }
    if (inside === 0) waysOutside++;
    else {
      if (cut) waysClipped++;
      const set = waysPerClass.get(tags.cls) ?? new Set<number>();
      set.add(w);
      waysPerClass.set(tags.cls, set);
    }
  });

  if (waysKept === 0) {
    throw new RoadImportError(
      `文件中没有可通行的道路线（读取 ${ways.length} 条要素）`,
      `no drivable road line in the file (${ways.length} features read)`,
    );
  }
  if (pieces.length === 0) {
    throw new RoadImportError(
      `${waysKept} 条道路全部位于县界之外`,
      `all ${waysKept} roads lie outside the county boundary`,
    );
  }

  const edges: ImportEdge[] = [];
  for (const e of nodeByLayer(pieces, snapM)) {
    const piece = pieces[e.piece] as Piece;
    const coords: Position[] = [];
    for (const xy of e.coords) {
      const [lon, lat] = proj.toLonLat(xy) as [number, number];
      const p = [round7(lon), round7(lat)];
      const last = coords[coords.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
    }
    if (coords.length < 2) continue;
    edges.push({
      cls: piece.tags.cls,
      highway: piece.tags.highway,
      name: piece.tags.name,
      oneway: piece.tags.oneway !== 'no',
      osmId: ways[piece.way]?.osmId ?? null,
      way: piece.way,
      layer: piece.tags.layer,
      coords,
      lengthM: polylineLength(coords.map((p) => proj.toXY(p))),
    });
  }

  return {
    edges,
    summary: summarise(edges, {
      waysRead: ways.length,
      waysKept,
      dropped,
      waysOutside,
      waysClipped,
      pieces: pieces.length,
      waysPerClass,
    }),
  };
}

/** Nodes as the routing graph sees them: end points equal to 6 decimals (`buildRoadGraph`). */
export function nodeKey(p: Position): string {
  return `${(p[0] as number).toFixed(6)} ${(p[1] as number).toFixed(6)}`;
}

export function components(edges: readonly { coords: Position[]; lengthM: number }[]): {
  count: number;
  largestShare: number;
} {
  const ids = new Map<string, number>();
  const id = (p: Position) => {
    const key = nodeKey(p);
    let n = ids.get(key);
    if (n === undefined) {
      n = ids.size;
      ids.set(key, n);
    }
    return n;
  };
  const ends = edges.map((e) => [id(e.coords[0] as Position), id(e.coords[e.coords.length - 1] as Position)] as const);
  const uf = new UnionFind(ids.size);
  for (const [a, b] of ends) uf.union(a, b);
  const length = new Map<number, number>();
  let total = 0;
  edges.forEach((e, i) => {
    const root = uf.find((ends[i] as readonly [number, number])[0]);
    length.set(root, (length.get(root) ?? 0) + e.lengthM);
    total += e.lengthM;
  });
  const largest = Math.max(0, ...length.values());
  return { count: length.size, largestShare: total > 0 ? largest / total : 0 };
}

function summarise(
  edges: readonly ImportEdge[],
  c: Omit<
    ImportSummary,
    'edges' | 'perClass' | 'totalKm' | 'onewayEdges' | 'components' | 'largestComponentShare' | 'notLines'
  > & {
    waysPerClass: Map<RoadClass, Set<number>>;
  },
): ImportSummary {
  const perClass: Partial<Record<RoadClass, ClassTotals>> = {};
  for (const e of edges) {
    const t = perClass[e.cls] ?? { ways: c.waysPerClass.get(e.cls)?.size ?? 0, edges: 0, km: 0 };
    t.edges++;
    t.km += e.lengthM / 1000;
    perClass[e.cls] = t;
  }
  const comp = components(edges);
  const { waysPerClass: _, ...counts } = c;
  return {
    ...counts,
    notLines: 0,
    edges: edges.length,
    perClass,
    totalKm: edges.reduce((s, e) => s + e.lengthM, 0) / 1000,
    onewayEdges: edges.filter((e) => e.oneway).length,
    components: comp.count,
    largestComponentShare: comp.largestShare,
  };
}
