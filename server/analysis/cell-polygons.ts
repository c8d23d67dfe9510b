/**
 * The outline of a set of grid cells as a MultiPolygon: cell sides between a member and a
 * non-member are chained into rings (members on the left, so outer rings run
 * counter-clockwise and holes clockwise, as RFC 7946 asks). Where two member cells touch
 * only at a corner the chain turns left, keeping them separate polygons that share a point.
 * Exact: the polygon is the union of the member squares, nothing added, nothing smoothed.
 */
import type { Position } from 'geojson';
import type { CellGrid } from './polygon-grid';

type Grid = Pick<CellGrid, 'projection' | 'cellM' | 'x0' | 'y0' | 'cols' | 'rows'>;

// Directions: 0 east, 1 north, 2 west, 3 south.
const DI = [1, 0, -1, 0] as const;
const DJ = [0, 1, 0, -1] as const;

/**
 * @param member one byte per grid cell (row * cols + col), non-zero = in the set
 * @example
 * const member = new Uint8Array(grid.cols * grid.rows);
 * grid.cells.forEach((c, k) => { if (surface.timeS[k] <= 300) member[c] = 1; });
 * const coordinates = cellPolygons(grid, member); // MultiPolygon coordinates, lon/lat
 */
export function cellPolygons(grid: Grid, member: Uint8Array): Position[][][] {
  const { cols, rows } = grid;
  const vcols = cols + 1;
  const has = (row: number, col: number) =>
    row >= 0 && row < rows && col >= 0 && col < cols && member[row * cols + col] !== 0;
  // Up to two outgoing boundary sides per grid vertex (two at a corner-only touch): direction + 1, 0 = none.
  const outA = new Uint8Array(vcols * (rows + 1));
  const outB = new Uint8Array(vcols * (rows + 1));
  const starts: number[] = [];
  const addSide = (i: number, j: number, dir: number) => {
    const v = j * vcols + i;
    if (outA[v] === 0) outA[v] = dir + 1;
    else outB[v] = dir + 1;
    starts.push(v * 4 + dir);
  };
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      if (!has(row, col)) continue;
      if (!has(row - 1, col)) addSide(col, row, 0);
      if (!has(row, col + 1)) addSide(col + 1, row, 1);
      if (!has(row + 1, col)) addSide(col + 1, row + 1, 2);
      if (!has(row, col - 1)) addSide(col, row + 1, 3);
    }
  }
  const used = new Uint8Array(outA.length * 4);
  const rings: { vertices: number[]; component: number; area2: number }[] = [];
  const component = components(grid, member);
  for (const start of starts) {
    if (used[start]) continue;
    const vertices: number[] = [];
    let side = start;
    let area2 = 0;
    do {
      used[side] = 1;
      const v = side >> 2;
      const dir = side & 3;
      const i = v % vcols;
      const j = (v - i) / vcols;
      const di = DI[dir] as number;
      const dj = DJ[dir] as number;
      const w = (j + dj) * vcols + i + di;
      area2 += i * (j + dj) - (i + di) * j;
      const a = (outA[w] as number) - 1;
      const b = (outB[w] as number) - 1;
      const next = b < 0 || a === (dir + 1) % 4 ? a : b;
      if (next !== dir) vertices.push(w);
      side = w * 4 + next;
    } while (side !== start);
    const v = start >> 2;
    const dir = start & 3;
    const i = v % vcols;
    const j = (v - i) / vcols;
    // The member cell on the left of the first side names the ring's connected component.
    const leftCol = dir === 0 || dir === 3 ? i : i - 1;
    const leftRow = dir === 0 || dir === 1 ? j : j - 1;
    rings.push({ vertices, component: component[leftRow * cols + leftCol] as number, area2 });
  }
  const toLonLat = (vertex: number): Position => {
    const i = vertex % vcols;
    const j = (vertex - i) / vcols;
    return grid.projection.inverse(grid.x0 + i * grid.cellM, grid.y0 + j * grid.cellM);
  };
  const polygons = new Map<number, Position[][]>();
  for (const ring of rings.filter((r) => r.area2 > 0)) polygons.set(ring.component, [closed(ring.vertices, toLonLat)]);
  for (const ring of rings.filter((r) => r.area2 < 0))
    polygons.get(ring.component)?.push(closed(ring.vertices, toLonLat));
  return [...polygons.values()];
}

function closed(vertices: number[], toLonLat: (v: number) => Position): Position[] {
  const ring = vertices.map(toLonLat);
  ring.push(ring[0] as Position);
  return ring;
}

/** 4-connected components of the member cells (flood fill), -1 elsewhere. */
function components(grid: Grid, member: Uint8Array): Int32Array {
  const { cols, rows } = grid;
  const label = new Int32Array(cols * rows).fill(-1);
  const stack: number[] = [];
  let next = 0;
  for (let c = 0; c < label.length; c++) {
    if (member[c] === 0 || (label[c] as number) >= 0) continue;
    label[c] = next;
    stack.push(c);
    while (stack.length > 0) {
      const cell = stack.pop() as number;
      const col = cell % cols;
      for (const nb of [cell - cols, cell + cols, col > 0 ? cell - 1 : -1, col < cols - 1 ? cell + 1 : -1]) {
        if (nb >= 0 && nb < label.length && member[nb] !== 0 && label[nb] === -1) {
          label[nb] = next;
          stack.push(nb);
        }
      }
    }
    next++;
  }
  return label;
}
