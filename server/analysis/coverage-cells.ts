/**
 * Cells of the county grid as map areas: the cells picked by a predicate, outlined and rounded
 * for the JSON answer, and their area. Pure.
 */
import type { Position } from 'geojson';
import { outlineCells } from './isochrones';
import type { CellGrid } from './polygon-grid';
import type { SurfaceGrid } from './response-surface';

/** The county grid (the surface's, with road access, by default) and each cell's township. */
export interface CountyGrid<G extends CellGrid = SurfaceGrid> {
  grid: G;
  /** Township index (into the network's townships) of each grid.cells entry, -1 outside every township. */
  township: Int32Array;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round3 = (x: number) => Math.round(x * 1000) / 1000;
/** A time to 0.1 s, or null when not reached. */
export const finite = (x: number) => (Number.isFinite(x) ? round1(x) : null);

/** Degrees to 1e-6 (~0.1 m, far below the 25 m smallest cell) by default: a third of the JSON of full doubles. */
export const roundRing = (ring: Position[], decimals = 6): Position[] => {
  const scale = 10 ** decimals;
  const deg = (x: number) => Math.round(x * scale) / scale;
  return ring.map((p) => [deg(p[0] as number), deg(p[1] as number)]);
};
export function roundPolygons(polygons: Position[][][]): Position[][][] {
  return polygons.map((rings) => rings.map((ring) => roundRing(ring)));
}

/** Square kilometres of `cells` cells of side cellM, to 0.001 km². */
export const km2 = (cells: number, cellM: number) => round3((cells * cellM * cellM) / 1e6);

/** The cells picked (grid.cells indices k) and their outline, traced over their bounding window only. */
export function pickCells(
  cg: CountyGrid<CellGrid>,
  pick: (k: number) => boolean,
): { count: number; coordinates: Position[][][] } {
  const { grid } = cg;
  const picked: number[] = [];
  for (let k = 0; k < grid.cells.length; k++) if (pick(k)) picked.push(grid.cells[k] as number);
  return { count: picked.length, coordinates: roundPolygons(outlineCells(grid, picked)) };
}

/** The picked cells as one MultiPolygon feature with their count and area. */
export function cellsFeature<P extends object>(cg: CountyGrid<CellGrid>, pick: (k: number) => boolean, properties: P) {
  const g = pickCells(cg, pick);
  return {
    type: 'Feature' as const,
    properties: { ...properties, cells: g.count, areaKm2: km2(g.count, cg.grid.cellM) },
    geometry: { type: 'MultiPolygon' as const, coordinates: g.coordinates },
  };
}
