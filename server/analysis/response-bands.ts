/** The response-time surface as non-overlapping bands of the best time over all units. Pure. */
import { type CountyGrid, cellsFeature } from './coverage-cells';
import type { CellGrid } from './polygon-grid';

/**
 * Band i holds the cells with thresholds[i−1] < time ≤ thresholds[i] (from 0 for the first),
 * and a last band (toS null) every county cell beyond the largest threshold or not reached.
 * The bands do not overlap and together are the county grid, so a map can fill them side by side.
 * `thresholds` ascending, at least one.
 * @example
 * responseBands(cg, timeS, [180, 300]).features.map((f) => f.properties.toS); // [180, 300, null]
 */
export function responseBands(cg: CountyGrid<CellGrid>, time: ArrayLike<number>, thresholds: readonly number[]) {
  const edges = [0, ...thresholds];
  const band = (fromS: number, toS: number | null, index: number) =>
    cellsFeature(
      cg,
      toS === null
        ? (k) => !((time[k] as number) <= fromS)
        : (k) => (time[k] as number) <= toS && (index === 0 || !((time[k] as number) <= fromS)),
      { band: index, fromS, toS },
    );
  return {
    type: 'FeatureCollection' as const,
    features: [
      ...thresholds.map((t, i) => band(edges[i] as number, t, i)),
      band(thresholds.at(-1) as number, null, thresholds.length),
    ],
  };
}
