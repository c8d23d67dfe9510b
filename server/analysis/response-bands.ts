/** The response-time surface as non-overlapping land classes of the best time over all units. Pure. */
import { type CountyGrid, cellsFeature } from './coverage-cells';
import type { CellGrid } from './polygon-grid';

/** What a band of the surface is: reached within its time, beyond the largest threshold (or not reached), or no road near. */
export type LandClass = 'within' | 'beyond' | 'no_road_access';

/**
 * Band i holds the cells with thresholds[i−1] < time ≤ thresholds[i] (from 0 for the first, class
 * `within`); then `beyond`: cells with a road near but beyond the largest threshold or not reached;
 * last `no_road_access`: cells with no road within the off-road limit (fields, water) — never a gap,
 * never merged with `beyond`. The classes do not overlap and together are the county grid.
 * `thresholds` ascending, at least one.
 * @example
 * responseBands(cg, timeS, [180, 300], noRoad).features.map((f) => f.properties.class); // within, within, beyond, no_road_access
 */
export function responseBands(
  cg: CountyGrid<CellGrid>,
  time: ArrayLike<number>,
  thresholds: readonly number[],
  noRoad: (k: number) => boolean = () => false,
) {
  const edges = [0, ...thresholds];
  const last = thresholds.at(-1) as number;
  const band = (fromS: number, toS: number, index: number) =>
    cellsFeature(cg, (k) => (time[k] as number) <= toS && (index === 0 || !((time[k] as number) <= fromS)), {
      band: index,
      class: 'within' as LandClass,
      fromS: fromS as number | null,
      toS: toS as number | null,
    });
  return {
    type: 'FeatureCollection' as const,
    features: [
      ...thresholds.map((t, i) => band(edges[i] as number, t, i)),
      cellsFeature(cg, (k) => !noRoad(k) && !((time[k] as number) <= last), {
        band: thresholds.length,
        class: 'beyond' as LandClass,
        fromS: last as number | null,
        toS: null as number | null,
      }),
      cellsFeature(cg, noRoad, {
        band: thresholds.length + 1,
        class: 'no_road_access' as LandClass,
        fromS: null as number | null,
        toS: null as number | null,
      }),
    ],
  };
}
