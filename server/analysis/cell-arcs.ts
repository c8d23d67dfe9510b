/**
 * The outlines of a labelled cell grid traced once (issue 17): the sides between cells of
 * different labels are chained into arcs — maximal runs between the vertices where three or four
 * boundaries meet — and any set of labels is then outlined by joining the arcs that separate a
 * member from a non-member, without walking the cells again. The surface's bands, the isochrones
 * (unions of bands) and the gaps (per township) of one answer all come from one trace.
 * Same rules as cell-polygons.ts, so the same polygons: members on the left (outer rings
 * counter-clockwise, holes clockwise), a corner-only touch turns left (two polygons sharing a
 * point), holes go to the polygon of the 4-connected member cells around them. Pure.
 */
import type { Position } from 'geojson';
import type { CellGrid } from './polygon-grid';

type Grid = Pick<CellGrid, 'projection' | 'cellM' | 'x0' | 'y0' | 'cols' | 'rows'>;

// Directions: 0 east, 1 north, 2 west, 3 south. Cell on the left / right of a side leaving vertex (i, j)
// in each direction, as [row, col] offsets from (j, i).
const LEFT = [
  [0, 0],
  [0, -1],
  [-1, -1],
  [-1, 0],
] as const;
const RIGHT = [
  [-1, 0],
  [0, 0],
  [0, -1],
  [-1, -1],
] as const;

export interface CellArcs {
  grid: Grid;
  count: number;
  /** Label (≥ 0; -1 outside the labelled cells) and 4-connected region of each arc's left and right side. */
  leftLabel: Int32Array;
  rightLabel: Int32Array;
  leftRegion: Int32Array;
  rightRegion: Int32Array;
  /** First and last grid vertex (j * (cols + 1) + i) and the direction of the first and last side. */
  from: Int32Array;
  to: Int32Array;
  firstDir: Uint8Array;
  lastDir: Uint8Array;
  /** The arc's corners strictly between its ends: corners[cornerStart[a] … cornerStart[a + 1]). */
  cornerStart: Int32Array;
  corners: Int32Array;
  regionCount: number;
}

/**
 * @param label one entry per grid cell (row * cols + col): a label ≥ 0, or -1 for cells outside.
 * @example
 * const arcs = traceArcs(grid, label);
 * const polygons = arcOutline(arcs, (l) => l <= 1); // labels 0 and 1 together, as vertex rings
 */
export function traceArcs(grid: Grid, label: Int32Array): CellArcs {
  const { cols, rows } = grid;
  const vcols = cols + 1;
  const nv = vcols * (rows + 1);
  const at = (row: number, col: number) =>
    row < 0 || row >= rows || col < 0 || col >= cols ? -1 : (label[row * cols + col] as number);
  const region = regionsOf(cols, rows, label);
  const regionAt = (row: number, col: number) =>
    row < 0 || row >= rows || col < 0 || col >= cols ? -1 : (region.of[row * cols + col] as number);
  // Every boundary side once, oriented with the greater label on its left; out[v] = its out-directions as bits.
  const out = new Uint8Array(nv);
  const degree = new Uint8Array(nv);
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i < cols; i++) {
      const above = at(j, i);
      const below = at(j - 1, i);
      if (above === below) continue;
      const v = j * vcols + i;
      if (above > below) out[v] = (out[v] as number) | 1;
      else out[v + 1] = (out[v + 1] as number) | 4;
      degree[v] = (degree[v] as number) + 1;
      degree[v + 1] = (degree[v + 1] as number) + 1;
    }
  }
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i <= cols; i++) {
      const west = at(j, i - 1);
      const east = at(j, i);
      if (west === east) continue;
      const v = j * vcols + i;
      if (west > east) out[v] = (out[v] as number) | 2;
      else out[v + vcols] = (out[v + vcols] as number) | 8;
      degree[v] = (degree[v] as number) + 1;
      degree[v + vcols] = (degree[v + vcols] as number) + 1;
    }
  }
  const step = [1, vcols, -1, -vcols];
  const used = new Uint8Array(nv);
  const arcs = {
    leftLabel: [] as number[],
    rightLabel: [] as number[],
    leftRegion: [] as number[],
    rightRegion: [] as number[],
    from: [] as number[],
    to: [] as number[],
    firstDir: [] as number[],
    lastDir: [] as number[],
    cornerStart: [0],
    corners: [] as number[],
  };
  const walk = (v0: number, d0: number) => {
    const i0 = v0 % vcols;
    const j0 = (v0 - i0) / vcols;
    const [lr, lc] = LEFT[d0] as readonly [number, number];
    const [rr, rc] = RIGHT[d0] as readonly [number, number];
    arcs.leftLabel.push(at(j0 + lr, i0 + lc));
    arcs.rightLabel.push(at(j0 + rr, i0 + rc));
    arcs.leftRegion.push(regionAt(j0 + lr, i0 + lc));
    arcs.rightRegion.push(regionAt(j0 + rr, i0 + rc));
    arcs.from.push(v0);
    arcs.firstDir.push(d0);
    let v = v0;
    let d = d0;
    for (;;) {
      used[v] = (used[v] as number) | (1 << d);
      const w = v + (step[d] as number);
      if (degree[w] !== 2 || w === v0) {
        arcs.to.push(w);
        arcs.lastDir.push(d);
        break;
      }
      const next = 31 - Math.clz32(out[w] as number); // the one out-side of a two-sided vertex
      if (next !== d) arcs.corners.push(w);
      v = w;
      d = next;
    }
    arcs.cornerStart.push(arcs.corners.length);
  };
  const walkFree = (v: number) => {
    for (let d = 0; d < 4; d++) if (((out[v] as number) & ~(used[v] as number) & (1 << d)) !== 0) walk(v, d);
  };
  for (let v = 0; v < nv; v++) if ((degree[v] as number) > 2) walkFree(v);
  // What is left are closed loops through two-sided vertices only (an island in one other label).
  for (let v = 0; v < nv; v++) if (out[v] !== used[v]) walkFree(v);
  return {
    grid,
    count: arcs.from.length,
    leftLabel: Int32Array.from(arcs.leftLabel),
    rightLabel: Int32Array.from(arcs.rightLabel),
    leftRegion: Int32Array.from(arcs.leftRegion),
    rightRegion: Int32Array.from(arcs.rightRegion),
    from: Int32Array.from(arcs.from),
    to: Int32Array.from(arcs.to),
    firstDir: Uint8Array.from(arcs.firstDir),
    lastDir: Uint8Array.from(arcs.lastDir),
    cornerStart: Int32Array.from(arcs.cornerStart),
    corners: Int32Array.from(arcs.corners),
    regionCount: region.count,
  };
}

/** 4-connected regions of equal labels (flood fill once), -1 outside. */
function regionsOf(cols: number, rows: number, label: Int32Array): { of: Int32Array; count: number } {
  const of = new Int32Array(cols * rows).fill(-1);
  const stack = new Int32Array(cols * rows);
  let count = 0;
  for (let c = 0; c < of.length; c++) {
    const l = label[c] as number;
    if (l < 0 || (of[c] as number) >= 0) continue;
    of[c] = count;
    let top = 0;
    stack[top++] = c;
    while (top > 0) {
      const cell = stack[--top] as number;
      const col = cell % cols;
      for (let side = 0; side < 4; side++) {
        const nb =
          side === 0
            ? cell - cols
            : side === 1
              ? cell + cols
              : side === 2 && col > 0
                ? cell - 1
                : side === 3 && col < cols - 1
                  ? cell + 1
                  : -1;
        if (nb >= 0 && nb < of.length && label[nb] === l && of[nb] === -1) {
          of[nb] = count;
          stack[top++] = nb;
        }
      }
    }
    count++;
  }
  return { of, count };
}

/**
 * The outline of the cells whose label is a member, as polygons of rings of grid vertex ids (open
 * rings: the first vertex is not repeated). Outer rings counter-clockwise, then that polygon's holes;
 * each ring from its least vertex, holes and polygons in the order of their vertex sequences — so
 * the outline depends on the member cells only, never on how the other labels cut the grid.
 */
export function arcOutline(arcs: CellArcs, member: (label: number) => boolean): number[][][] {
  const vcols = arcs.grid.cols + 1;
  const isMember = (l: number) => l >= 0 && member(l);
  const parent = new Int32Array(arcs.regionCount).map((_, r) => r);
  const find = (r: number): number => {
    let x = r;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  // Oriented arcs (2a forward, 2a + 1 reversed) with the members on their left, by start vertex (two at most).
  const oriented: number[] = [];
  const startA = new Map<number, number>();
  const startB = new Map<number, number>();
  for (let a = 0; a < arcs.count; a++) {
    const l = isMember(arcs.leftLabel[a] as number);
    const r = isMember(arcs.rightLabel[a] as number);
    if (l && r) {
      parent[find(arcs.leftRegion[a] as number)] = find(arcs.rightRegion[a] as number);
      continue;
    }
    if (l === r) continue;
    const o = 2 * a + (l ? 0 : 1);
    oriented.push(o);
    const s = l ? (arcs.from[a] as number) : (arcs.to[a] as number);
    if (startA.has(s)) startB.set(s, o);
    else startA.set(s, o);
  }
  const firstDir = (o: number) =>
    o & 1 ? ((arcs.lastDir[o >> 1] as number) + 2) % 4 : (arcs.firstDir[o >> 1] as number);
  const lastDir = (o: number) =>
    o & 1 ? ((arcs.firstDir[o >> 1] as number) + 2) % 4 : (arcs.lastDir[o >> 1] as number);
  const end = (o: number) => (o & 1 ? (arcs.from[o >> 1] as number) : (arcs.to[o >> 1] as number));
  const done = new Set<number>();
  const rings: { vertices: number[]; component: number; area2: number }[] = [];
  for (const o0 of oriented) {
    if (done.has(o0)) continue;
    const vertices: number[] = [];
    let o = o0;
    do {
      done.add(o);
      const a = o >> 1;
      const c0 = arcs.cornerStart[a] as number;
      const c1 = arcs.cornerStart[a + 1] as number;
      if (o & 1) for (let c = c1 - 1; c >= c0; c--) vertices.push(arcs.corners[c] as number);
      else for (let c = c0; c < c1; c++) vertices.push(arcs.corners[c] as number);
      const w = end(o);
      const d = lastDir(o);
      const x = startA.get(w) as number;
      const y = startB.get(w);
      const next = y === undefined || firstDir(x) === (d + 1) % 4 ? x : y;
      if (firstDir(next) !== d) vertices.push(w);
      o = next;
    } while (o !== o0);
    let area2 = 0;
    for (let k = 0; k < vertices.length; k++) {
      const p = vertices[k] as number;
      const q = vertices[(k + 1) % vertices.length] as number;
      area2 += (p % vcols) * Math.floor(q / vcols) - (q % vcols) * Math.floor(p / vcols);
    }
    const a0 = o0 >> 1;
    const own = o0 & 1 ? (arcs.rightRegion[a0] as number) : (arcs.leftRegion[a0] as number);
    rings.push({ vertices, component: find(own), area2 });
  }
  const polygons = new Map<number, number[][]>();
  for (const ring of rings) if (ring.area2 > 0) polygons.set(ring.component, [fromLeast(ring.vertices)]);
  for (const ring of rings) if (ring.area2 < 0) polygons.get(ring.component)?.push(fromLeast(ring.vertices));
  // In a canonical order (the order of the arcs depends on the other labels): the same cells, the same text.
  return [...polygons.values()]
    .map(([outer, ...holes]) => [outer as number[], ...holes.sort(byVertices)])
    .sort((a, b) => byVertices(a[0] as number[], b[0] as number[]));
}

/** Lexicographic order of vertex sequences. */
function byVertices(a: number[], b: number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return (a[k] as number) - (b[k] as number);
  return a.length - b.length;
}

/** The ring rotated to start at its least vertex (at a vertex passed twice, the pass to the lesser next vertex). */
function fromLeast(ring: number[]): number[] {
  let best = 0;
  const n = ring.length;
  for (let k = 1; k < n; k++) {
    const v = ring[k] as number;
    const b = ring[best] as number;
    if (v < b || (v === b && (ring[(k + 1) % n] as number) < (ring[(best + 1) % n] as number))) best = k;
  }
  return [...ring.slice(best), ...ring.slice(0, best)];
}

/**
 * Grid vertices to lon/lat rounded to `decimals` places, each vertex projected once per grid (the
 * projection is the costly part of an outline).
 */
export function vertexPositions(grid: Grid, decimals: number): (polygons: number[][][]) => Position[][][] {
  const key = `${decimals}`;
  let byDecimals = projected.get(grid);
  if (!byDecimals) {
    byDecimals = new Map();
    projected.set(grid, byDecimals);
  }
  const vcols = grid.cols + 1;
  let held = byDecimals.get(key);
  if (!held) {
    held = new Float64Array(2 * vcols * (grid.rows + 1)).fill(Number.NaN);
    byDecimals.set(key, held);
  }
  const lonLat = held;
  const scale = 10 ** decimals;
  const position = (v: number): Position => {
    if (Number.isNaN(lonLat[2 * v])) {
      const i = v % vcols;
      const [lon, lat] = grid.projection.inverse(grid.x0 + i * grid.cellM, grid.y0 + ((v - i) / vcols) * grid.cellM);
      lonLat[2 * v] = Math.round(lon * scale) / scale;
      lonLat[2 * v + 1] = Math.round(lat * scale) / scale;
    }
    return [lonLat[2 * v] as number, lonLat[2 * v + 1] as number];
  };
  return (polygons) =>
    polygons.map((rings) =>
      rings.map((ring) => {
        const out = ring.map(position);
        out.push(out[0] as Position);
        return out;
      }),
    );
}

const projected = new WeakMap<Grid, Map<string, Float64Array>>();
