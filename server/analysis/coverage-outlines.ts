/**
 * The map areas of one coverage answer from one trace (issue 17): every county cell gets a label
 * (its band of the best time, its first-due unit in split mode, whether it is a gap, its township),
 * the label grid's boundaries are traced once as arcs (cell-arcs.ts), and the surface's bands, the
 * isochrones (unions of bands: dissolve, or per unit in split mode) and the gaps (county, each
 * township) are composed from the arcs. The same cell sets and properties as responseBands,
 * isochrones and the service's gap layer; coordinates quantised to the grid (`gridDecimals`). Pure.
 */
import type { Position } from 'geojson';
import { arcOutline, traceArcs, vertexPositions } from './cell-arcs';
import { type CountyGrid, km2 } from './coverage-cells';
import { checkThresholds, distinctSources } from './isochrones';
import type { LandClass } from './response-bands';
import type { Surface } from './response-surface';

/**
 * Decimal places of the quantised coordinates: the fewest whose step (10^-d degrees, ≤ 111 m × 10^(2-d)
 * along a meridian, less along a parallel) is at most a fiftieth of the cell — 5 (≈ 1.1 m) for 100 m
 * cells, 6 below 56 m. A vertex moves at most half a step in each axis from its exact position.
 */
export function gridDecimals(cellM: number): number {
  let d = 0;
  while (111_320 * 10 ** -d > cellM / 50) d++;
  return d;
}

export interface OutlineInput {
  cg: CountyGrid;
  surface: Surface;
  /** Ascending, distinct, within the surface's cutoff. */
  thresholds: readonly number[];
  noRoad: (k: number) => boolean;
  /** Per grid.cells entry: 1 where some unit meets its own class standard. */
  covered: Uint8Array;
  /** Isochrones per first-due unit (split) or one per threshold (dissolve). */
  split: boolean;
  townships: readonly { code: string; name: string }[];
  county: { code: string; name: string };
}

/** One multipolygon with its cell count. */
interface Area {
  cells: number;
  coordinates: Position[][][];
}

export function coverageOutlines(o: OutlineInput) {
  const { cg, surface, thresholds } = o;
  checkThresholds(thresholds, surface.cutoffS);
  const { grid } = cg;
  const n = thresholds.length;
  const sources = o.split ? distinctSources(surface) : [];
  const S = o.split ? Math.max(-1, ...sources) + 2 : 1;
  const T = o.townships.length + 1;
  const labelOf = (band: number, src: number, gap: number, tw: number) => ((band * S + src + 1) * 2 + gap) * T + tw + 1;
  const labels = (n + 2) * S * 2 * T;
  const label = new Int32Array(grid.cols * grid.rows).fill(-1);
  const counts = new Int32Array(labels);
  for (let k = 0; k < grid.cells.length; k++) {
    const t = surface.timeS[k] as number;
    let band = 0;
    while (band < n && !(t <= (thresholds[band] as number))) band++;
    const noRoad = o.noRoad(k);
    if (band === n && noRoad) band = n + 1;
    const gap = o.covered[k] === 0 && !noRoad ? 1 : 0;
    const src = o.split ? (surface.source[k] as number) : -1;
    const l = labelOf(band, src, gap, cg.township[k] as number);
    label[grid.cells[k] as number] = l;
    counts[l] = (counts[l] as number) + 1;
  }
  const bandOf = (l: number) => Math.floor(l / (T * 2 * S));
  const srcOf = (l: number) => (Math.floor(l / (T * 2)) % S) - 1;
  const gapOf = (l: number) => Math.floor(l / T) % 2;
  const twOf = (l: number) => (l % T) - 1;
  const arcs = traceArcs(grid, label);
  const positions = vertexPositions(grid, gridDecimals(grid.cellM));
  const area = (member: (l: number) => boolean): Area => {
    let cells = 0;
    for (let l = 0; l < labels; l++) if (member(l)) cells += counts[l] as number;
    return { cells, coordinates: positions(arcOutline(arcs, member)) };
  };
  const feature = <P extends object>(a: Area, properties: P) => ({
    type: 'Feature' as const,
    properties: { ...properties, cells: a.cells, areaKm2: km2(a.cells, grid.cellM) },
    geometry: { type: 'MultiPolygon' as const, coordinates: a.coordinates },
  });
  const edges = [0, ...thresholds];
  const bands = [
    ...thresholds.map((toS, i) =>
      feature(
        area((l) => bandOf(l) === i),
        { band: i, class: 'within' as LandClass, fromS: edges[i] as number | null, toS: toS as number | null },
      ),
    ),
    feature(
      area((l) => bandOf(l) === n),
      { band: n, class: 'beyond' as LandClass, fromS: thresholds.at(-1) as number | null, toS: null as number | null },
    ),
    feature(
      area((l) => bandOf(l) === n + 1),
      { band: n + 1, class: 'no_road_access' as LandClass, fromS: null as number | null, toS: null as number | null },
    ),
  ];
  const groups: (number | null)[] = o.split ? sources : [null];
  const isochrones = thresholds.flatMap((thresholdS, i) =>
    groups.map((source) => {
      const a = area((l) => bandOf(l) <= i && (source === null || srcOf(l) === source));
      return {
        type: 'Feature' as const,
        properties: {
          mode: o.split ? ('split' as const) : ('dissolve' as const),
          thresholdS,
          source,
          cells: a.cells,
          areaKm2: (a.cells * grid.cellM * grid.cellM) / 1e6,
        },
        geometry: { type: 'MultiPolygon' as const, coordinates: a.coordinates },
      };
    }),
  );
  const { county } = o;
  const gaps = [
    feature(
      area((l) => gapOf(l) === 1),
      { scope: 'county', code: county.code, name: county.name },
    ),
    ...o.townships.map((tw, t) =>
      feature(
        area((l) => gapOf(l) === 1 && twOf(l) === t),
        { scope: 'township', code: tw.code, name: tw.name },
      ),
    ),
  ];
  return { bands, isochrones, gaps };
}
