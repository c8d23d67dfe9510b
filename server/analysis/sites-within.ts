/** The headline of station coverage: sites (all, high-risk) reached within a threshold, and those with no road near. Pure. */
import { HIGH_RISK } from './coverage-standards';

/**
 * `etaS` per site in whole seconds (the shown value), Infinity when not reached; `noRoad(i)`: site i
 * has no road within the off-road limit. A site is within iff its ETA ≤ thresholdS.
 * @example
 * sitesWithin([{ riskLevel: 4 }, { riskLevel: 1 }], [300, 301], 300, () => false); // sitesWithin 1, highRiskWithin 1
 */
export function sitesWithin(
  sites: readonly { riskLevel: number }[],
  etaS: ArrayLike<number>,
  thresholdS: number,
  noRoad: (i: number) => boolean,
) {
  let within = 0;
  let highRisk = 0;
  let highRiskWithin = 0;
  let roadless = 0;
  let highRiskRoadless = 0;
  sites.forEach((s, i) => {
    const ok = (etaS[i] as number) <= thresholdS;
    const high = s.riskLevel >= HIGH_RISK;
    if (ok) within++;
    if (high) highRisk++;
    if (high && ok) highRiskWithin++;
    if (noRoad(i)) {
      roadless++;
      if (high) highRiskRoadless++;
    }
  });
  return {
    thresholdS,
    sitesTotal: sites.length,
    sitesWithin: within,
    highRiskTotal: highRisk,
    highRiskWithin,
    /** Sites with no road within the off-road limit: a road-data question, not a coverage figure. */
    noRoadAccessSites: roadless,
    highRiskNoRoadAccess: highRiskRoadless,
  };
}
