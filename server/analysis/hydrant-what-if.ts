/**
 * What-if on hydrant coverage, incremental: dropping hypothetical hydrants on the map only
 * changes sites closer to them than to their current nearest (one pass over the sites, no
 * index rebuilt); marking hydrants faulty only changes the sites they were nearest to (those
 * re-query the index, skipping the removed). Both return the coverage after and the delta.
 * To combine, remove first and add to the result: the index knows only the real hydrants.
 */
import type { HydrantCoverage } from './hydrant-coverage';
import type { PointSet } from './kd-index';
import { chord2, chordToMetres, type LonLat, toEcef } from './metric';

export interface CoverageDelta {
  /** Coverage after the change (hypothetical hydrant k is index hydrants.size + k in `nearest`). */
  readonly coverage: HydrantCoverage;
  /** Sites whose nearest hydrant changed, ascending. */
  readonly changed: number[];
  readonly newlyCovered: number[];
  readonly newlyUncovered: number[];
}

/**
 * @example
 * const d = whatIfAddHydrants(sitesXyz, hydrants, coverage, [{ lon: 113.61, lat: 33.52 }]);
 * d.newlyCovered.length; // sites the new hydrant brings within 150 m
 */
export function whatIfAddHydrants(
  sites: Float64Array,
  hydrants: PointSet,
  coverage: HydrantCoverage,
  added: readonly LonLat[],
): CoverageDelta {
  const nearest = Int32Array.from(coverage.nearest);
  const distanceM = Float64Array.from(coverage.distanceM);
  const extra = toEcef(added);
  const changed: number[] = [];
  for (let i = 0; i < nearest.length; i++) {
    let moved = false;
    for (let k = 0; k < added.length; k++) {
      const d = chordToMetres(Math.sqrt(chord2(sites, i, extra, k)));
      // Ties keep the lower index: existing hydrants, then earlier hypothetical ones.
      if (d < (distanceM[i] as number)) {
        distanceM[i] = d;
        nearest[i] = hydrants.size + k;
        moved = true;
      }
    }
    if (moved) changed.push(i);
  }
  return delta(coverage, nearest, distanceM, changed);
}

/**
 * @example
 * const d = whatIfRemoveHydrants(sitesXyz, hydrants, coverage, [17]); // hydrant 17 marked faulty
 * d.newlyUncovered; // sites that relied on it
 */
export function whatIfRemoveHydrants(
  sites: Float64Array,
  hydrants: PointSet,
  coverage: HydrantCoverage,
  removed: readonly number[],
): CoverageDelta {
  const gone = new Set(removed);
  const skip = (j: number) => gone.has(j);
  const nearest = Int32Array.from(coverage.nearest);
  const distanceM = Float64Array.from(coverage.distanceM);
  const changed: number[] = [];
  for (let i = 0; i < nearest.length; i++) {
    if (!gone.has(nearest[i] as number)) continue;
    const j = hydrants.index.nearest(
      sites[3 * i] as number,
      sites[3 * i + 1] as number,
      sites[3 * i + 2] as number,
      Infinity,
      skip,
    );
    nearest[i] = j;
    distanceM[i] = j < 0 ? Infinity : chordToMetres(Math.sqrt(hydrants.index.d2));
    changed.push(i);
  }
  return delta(coverage, nearest, distanceM, changed);
}

function delta(
  before: HydrantCoverage,
  nearest: Int32Array,
  distanceM: Float64Array,
  changed: number[],
): CoverageDelta {
  const covered = Uint8Array.from(before.covered);
  const newlyCovered: number[] = [];
  const newlyUncovered: number[] = [];
  for (const i of changed) {
    covered[i] = (distanceM[i] as number) <= before.radiusM ? 1 : 0;
    if (covered[i] && !before.covered[i]) newlyCovered.push(i);
    if (!covered[i] && before.covered[i]) newlyUncovered.push(i);
  }
  const coveredCount = before.coveredCount + newlyCovered.length - newlyUncovered.length;
  return {
    coverage: { radiusM: before.radiusM, nearest, distanceM, covered, coveredCount },
    changed,
    newlyCovered,
    newlyUncovered,
  };
}
