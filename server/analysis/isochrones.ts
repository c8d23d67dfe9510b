/**
 * Isochrones from a response-time surface, cell-based (never a concave hull of reached
 * nodes: DESIGN.md "Known pitfalls" — hulls overstate a 10-minute area up to 1.7×), in the
 * three modes ArcGIS users know: `overlap` (one polygon per unit, as if alone), `split`
 * (first-due districts: each cell to its fastest unit) and `dissolve` (the union).
 * A cell is in the t-polygon iff its time is ≤ t, so thresholds nest exactly and nothing
 * beyond a threshold is included. Defaults 3 / 5 / 10 / 15 min: micro stations' 3 min,
 * stations' 5 min (建标152-2017; GB 51080-2015 §4.1.3).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { AnalysisInputError } from '../errors';
import { cellPolygons } from './cell-polygons';
import type { CellGrid } from './polygon-grid';
import type { Surface } from './response-surface';

export const DEFAULT_THRESHOLDS_S = [180, 300, 600, 900] as const;

export type IsochroneMode = 'overlap' | 'split' | 'dissolve';

export type IsochroneInput =
  | { mode: 'dissolve' | 'split'; surface: Surface }
  | { mode: 'overlap'; surfaces: readonly { source: number; surface: Surface }[] };

export interface IsochroneProperties {
  mode: IsochroneMode;
  thresholdS: number;
  /** The unit (source index) for overlap and split; null for dissolve. */
  source: number | null;
  cells: number;
  /** Cells × cell area; the projection's scale error is ~1e-5 (local-projection.ts). */
  areaKm2: number;
}

/**
 * @example
 * const fc = isochrones(grid, { mode: 'split', surface }, [300, 600]);
 * fc.features[0].properties; // { mode: 'split', thresholdS: 300, source: 0, cells: 812, areaKm2: 8.12 }
 */
export function isochrones(
  grid: CellGrid,
  input: IsochroneInput,
  thresholdsS: readonly number[] = DEFAULT_THRESHOLDS_S,
): FeatureCollection<MultiPolygon, IsochroneProperties> {
  const thresholds = [...new Set(thresholdsS)].sort((a, b) => a - b);
  const groups =
    input.mode === 'overlap'
      ? input.surfaces.map(({ source, surface }) => ({ source: source as number | null, surface, only: -1 }))
      : input.mode === 'split'
        ? distinctSources(input.surface).map((source) => ({
            source: source as number | null,
            surface: input.surface,
            only: source,
          }))
        : [{ source: null, surface: input.surface, only: -1 }];
  checkThresholds(thresholds, Math.min(...groups.map((g) => g.surface.cutoffS)));
  const features: Feature<MultiPolygon, IsochroneProperties>[] = [];
  for (const thresholdS of thresholds) {
    for (const { source, surface, only } of groups) {
      const picked: number[] = [];
      for (let k = 0; k < surface.timeS.length; k++) {
        if ((surface.timeS[k] as number) <= thresholdS && (only < 0 || surface.source[k] === only)) {
          picked.push(grid.cells[k] as number);
        }
      }
      features.push({
        type: 'Feature',
        properties: {
          mode: input.mode,
          thresholdS,
          source,
          cells: picked.length,
          areaKm2: (picked.length * grid.cellM * grid.cellM) / 1e6,
        },
        geometry: { type: 'MultiPolygon', coordinates: outlineCells(grid, picked) },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Every threshold must lie in (0, cutoff]: a surface says nothing beyond its search cutoff. */
export function checkThresholds(thresholds: readonly number[], cutoffS: number): void {
  for (const t of thresholds) {
    if (!(t > 0) || t > cutoffS) {
      throw new AnalysisInputError(`threshold ${t} s is not within (0, ${cutoffS}] s, the search cutoff`, {
        thresholdS: t,
      });
    }
  }
}

export function distinctSources(surface: Pick<Surface, 'source'>): number[] {
  return [...new Set(surface.source)].filter((s) => s >= 0).sort((a, b) => a - b);
}

/**
 * Outlines the picked cells (grid cell indices), tracing only the window of the grid that holds them.
 * @example outlineCells(grid, [0, 1, grid.cols]) // one L-shaped polygon
 */
export function outlineCells(grid: CellGrid, picked: number[]): MultiPolygon['coordinates'] {
  if (picked.length === 0) return [];
  let [r0, c0, r1, c1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const cell of picked) {
    const row = Math.floor(cell / grid.cols);
    const col = cell % grid.cols;
    [r0, c0, r1, c1] = [Math.min(r0, row), Math.min(c0, col), Math.max(r1, row), Math.max(c1, col)];
  }
  const window = {
    projection: grid.projection,
    cellM: grid.cellM,
    x0: grid.x0 + c0 * grid.cellM,
    y0: grid.y0 + r0 * grid.cellM,
    cols: c1 - c0 + 1,
    rows: r1 - r0 + 1,
  };
  const member = new Uint8Array(window.cols * window.rows);
  for (const cell of picked) {
    member[(Math.floor(cell / grid.cols) - r0) * window.cols + (cell % grid.cols) - c0] = 1;
  }
  return cellPolygons(window, member);
}
