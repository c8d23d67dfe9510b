/**
 * Effective response force, after FireCARES' ERF: per cell, the staff of every unit that reaches
 * it within `thresholdS` on its own (as in overlap isochrones), as polygons of equal personnel. Pure.
 */
import { type CountyGrid, cellsFeature } from './coverage-cells';
import type { Placed } from './place-units';
import { unitSurfaces } from './response-surface';

/** `staffOf(source)`: the staff of the unit placed as `source`. */
export function effectiveResponseForce(
  cg: CountyGrid,
  placed: Placed,
  staffOf: (source: number) => number,
  thresholdS: number,
  offRoadSpeedKmh: number,
) {
  const own = unitSurfaces(cg.grid, placed, thresholdS, offRoadSpeedKmh);
  const personnel = new Int32Array(cg.grid.cells.length);
  own.forEach((surface, i) => {
    const staff = staffOf(placed.placements[i]?.source as number);
    for (let k = 0; k < personnel.length; k++) {
      if ((surface.timeS[k] as number) <= thresholdS) personnel[k] = (personnel[k] as number) + staff;
    }
  });
  const levels = [...new Set(personnel)].filter((p) => p > 0).sort((a, b) => a - b);
  return {
    type: 'FeatureCollection' as const,
    thresholdS,
    features: levels.map((level) => cellsFeature(cg, (k) => personnel[k] === level, { thresholdS, personnel: level })),
  };
}
