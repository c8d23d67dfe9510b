/** Area reached within a time, for the county and each township, from a cell surface. Pure. */
import { type CountyGrid, km2, round3 } from './coverage-cells';
import type { CellGrid } from './polygon-grid';

export interface TownshipName {
  code: string;
  name: string;
}

/**
 * Cells with time ≤ thresholdS (`timeS` per grid.cells entry), county-wide and per township.
 * @example
 * areaWithin(network.townships, ev.cg, ev.surface.timeS, 100, 300).km2; // km² reached within 5 min
 */
export function areaWithin(
  townships: readonly TownshipName[],
  cg: CountyGrid<CellGrid>,
  timeS: ArrayLike<number>,
  cellM: number,
  thresholdS: number,
) {
  const n = townships.length;
  const inT = new Array<number>(n).fill(0);
  const allT = new Array<number>(n).fill(0);
  let within = 0;
  for (let k = 0; k < cg.grid.cells.length; k++) {
    const t = cg.township[k] as number;
    const ok = (timeS[k] as number) <= thresholdS;
    if (ok) within++;
    if (t >= 0) {
      allT[t] = (allT[t] as number) + 1;
      if (ok) inT[t] = (inT[t] as number) + 1;
    }
  }
  const total = cg.grid.cells.length;
  return {
    thresholdS,
    km2: km2(within, cellM),
    countyKm2: km2(total, cellM),
    pct: round3((100 * within) / total),
    townships: townships.map((tw, t) => ({
      code: tw.code,
      name: tw.name,
      km2: km2(inT[t] as number, cellM),
      areaKm2: km2(allT[t] as number, cellM),
      pct: (allT[t] as number) > 0 ? round3((100 * (inT[t] as number)) / (allT[t] as number)) : 0,
    })),
  };
}
