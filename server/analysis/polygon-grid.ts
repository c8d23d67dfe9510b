/**
 * The cells of a square grid (in the local projection, metres) whose centres lie inside a
 * Polygon or MultiPolygon, found by scanlines — one pass over the rings per row instead of
 * a point-in-polygon test per cell. Rings follow the even–odd rule, so holes are holes.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { LocalProjection } from './local-projection';

export interface CellGrid {
  projection: LocalProjection;
  cellM: number;
  /** Lower-left corner of cell (row 0, col 0), projected metres; rows go north, cols east. */
  x0: number;
  y0: number;
  cols: number;
  rows: number;
  /** The inside cells as row * cols + col, row by row, and their centres. */
  cells: Int32Array;
  centreX: Float64Array;
  centreY: Float64Array;
}

/**
 * @example
 * const grid = polygonGrid(county.geometry, projection, 100);
 * grid.cells.length * 100 * 100 / 1e6; // ≈ the county's area in km²
 */
export function polygonGrid(area: Polygon | MultiPolygon, projection: LocalProjection, cellM: number): CellGrid {
  if (!(cellM > 0)) throw new RangeError(`cell size ${cellM} is not > 0`);
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  const rings = polygons
    .flat()
    .map((ring) => ring.map((p: Position) => projection.forward(p[0] as number, p[1] as number)));
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of rings.flat()) {
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  if (!(minX <= maxX)) throw new RangeError('empty polygon');
  const x0 = Math.floor(minX / cellM) * cellM;
  const y0 = Math.floor(minY / cellM) * cellM;
  const cols = Math.max(1, Math.ceil((maxX - x0) / cellM));
  const rows = Math.max(1, Math.ceil((maxY - y0) / cellM));
  const cells: number[] = [];
  const crossings: number[] = [];
  for (let row = 0; row < rows; row++) {
    const y = y0 + (row + 0.5) * cellM;
    crossings.length = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y) crossings.push(xi + ((y - yi) / (yj - yi)) * (xj - xi));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Centres x0 + (col + 0.5) * cellM in [left, right).
      const first = Math.max(0, Math.ceil(((crossings[k] as number) - x0) / cellM - 0.5));
      const last = Math.min(cols - 1, Math.ceil(((crossings[k + 1] as number) - x0) / cellM - 0.5) - 1);
      for (let col = first; col <= last; col++) cells.push(row * cols + col);
    }
  }
  const inside = Int32Array.from(cells);
  return {
    projection,
    cellM,
    x0,
    y0,
    cols,
    rows,
    cells: inside,
    centreX: Float64Array.from(inside, (c) => x0 + ((c % cols) + 0.5) * cellM),
    centreY: Float64Array.from(inside, (c) => y0 + (Math.floor(c / cols) + 0.5) * cellM),
  };
}
