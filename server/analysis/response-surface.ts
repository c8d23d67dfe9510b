/**
 * The response-time surface: a grid over the area (default 100 m cells) where a cell's
 * time is the best road position within the off-road distance of its centre plus the
 * off-road leg at a slow speed. Cells with no road that near stay uncovered — a field
 * 1 km from any road is not "5 minutes away" because a fast road passes 1 km off.
 * The geometry (which cell sees which road) is computed once per graph and area.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { dijkstra, type Reach } from './dijkstra';
import type { Placed, Placement } from './place-units';
import { type CellGrid, polygonGrid } from './polygon-grid';
import { type AccessLists, type AccessTimes, accessLists, accessTimes } from './road-access';
import type { SegmentIndex } from './snap';

/**
 * Defaults, all assumptions (no standard gives an off-road figure, docs/standards.md §3; the API reports them with
 * every answer and takes others as `off_road_speed` / `off_road_max`): 100 m cells (DESIGN.md § Analysis); the
 * last leg driven on unmapped lanes, yards and tracks at 15 km/h (the OSRM car profile's `service` speed);
 * at most 200 m from a mapped road (twice ArcGIS Service Area's 100 m polygon trim; ten 20 m hose lengths).
 */
export const SURFACE_DEFAULTS = { cellM: 100, maxOffRoadM: 200, offRoadSpeedKmh: 15 } as const;

/** Whether cell k of the grid has no road within the off-road limit (its land class is "no road access"). */
export function noRoadAccess(grid: SurfaceGrid): (k: number) => boolean {
  const { start } = grid.access;
  return (k) => start[k] === start[k + 1];
}

export interface SurfaceGrid extends CellGrid {
  index: SegmentIndex;
  access: AccessLists;
}

/** Cell times (per grid.cells entry) with first- and optionally second-due source. */
export type Surface = AccessTimes;

/**
 * @example
 * const grid = surfaceGrid(index, county.geometry); // once per graph and county
 */
export function surfaceGrid(
  index: SegmentIndex,
  area: Polygon | MultiPolygon,
  options: { cellM?: number; maxOffRoadM?: number } = {},
): SurfaceGrid {
  const cells = polygonGrid(area, index.graph.projection, options.cellM ?? SURFACE_DEFAULTS.cellM);
  const radius = options.maxOffRoadM ?? SURFACE_DEFAULTS.maxOffRoadM;
  return { ...cells, index, access: accessLists(index, cells.centreX, cells.centreY, radius) };
}

/**
 * @example
 * const placed = placeUnits(index, units);
 * const reach = dijkstra(index.graph, placed.seeds, { cutoffS: 900 });
 * const surface = responseSurface(grid, reach, placed.placements);
 * surface.timeS[k] <= 300; // cell grid.cells[k] within 5 min
 */
export function responseSurface(
  grid: SurfaceGrid,
  reach: Reach,
  placements: readonly Placement[],
  offRoadSpeedKmh: number = SURFACE_DEFAULTS.offRoadSpeedKmh,
): Surface {
  return accessTimes(grid.index.graph, grid.access, reach, placements, offRoadSpeedKmh);
}

/**
 * One surface per placed unit, each as if it were alone — the input of `overlap` isochrones.
 * @example
 * const own = unitSurfaces(grid, placed, 900); // own[i] is unit placed.placements[i].source's
 */
export function unitSurfaces(
  grid: SurfaceGrid,
  placed: Placed,
  cutoffS: number,
  offRoadSpeedKmh: number = SURFACE_DEFAULTS.offRoadSpeedKmh,
): Surface[] {
  return placed.placements.map((p) => {
    const reach = dijkstra(
      grid.index.graph,
      placed.seeds.filter((s) => s.source === p.source),
      { cutoffS },
    );
    return responseSurface(grid, reach, [p], offRoadSpeedKmh);
  });
}
