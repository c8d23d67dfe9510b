/** The county's land as the coverage answer counts it: land that roads serve and land with no road access. Pure. */

import type { TownshipName } from './coverage-area';
import { type CountyGrid, km2 } from './coverage-cells';
import type { CellGrid } from './polygon-grid';

/**
 * `noRoad(k)`: grid cell k has no road within the off-road limit (fields, water). Served land is the
 * rest; gaps and shares are reported over it.
 * @example
 * landClasses(townships, cg, noRoad, 100).noRoadAccessKm2 + landClasses(…).servedKm2; // = countyKm2
 */
export function landClasses(
  townships: readonly TownshipName[],
  cg: CountyGrid<CellGrid>,
  noRoad: (k: number) => boolean,
  cellM: number,
) {
  const roadless = new Array<number>(townships.length).fill(0);
  const all = new Array<number>(townships.length).fill(0);
  let none = 0;
  const n = cg.grid.cells.length;
  for (let k = 0; k < n; k++) {
    const t = cg.township[k] as number;
    const no = noRoad(k);
    if (no) none++;
    if (t >= 0) {
      all[t] = (all[t] as number) + 1;
      if (no) roadless[t] = (roadless[t] as number) + 1;
    }
  }
  return {
    countyKm2: km2(n, cellM),
    noRoadAccessKm2: km2(none, cellM),
    servedKm2: km2(n - none, cellM),
    servedCells: n - none,
    townships: townships.map((tw, t) => ({
      code: tw.code,
      noRoadAccessKm2: km2(roadless[t] as number, cellM),
      servedKm2: km2((all[t] as number) - (roadless[t] as number), cellM),
    })),
  };
}
