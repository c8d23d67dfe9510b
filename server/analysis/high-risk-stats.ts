/** Arrival-time statistics of the high-risk sites (risk level ≥ HIGH_RISK). Pure. */
import { round1 } from './coverage-cells';
import { FIVE_MINUTES_S, HIGH_RISK } from './coverage-standards';

/** Nearest rank: the smallest value with at least q of the values at or below it; null if none or not reached. */
export function nearestRankQuantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
  return Number.isFinite(v) ? round1(v) : null;
}

/**
 * `riskLevel` and `etaS` per site (same order); `noRoad(i)` says site i has no road within the
 * off-road limit. Unreached = beyond the site cutoff or no road near (Infinity).
 * @example
 * highRiskStats([{ riskLevel: 4 }, { riskLevel: 1 }], [250, 90], () => false).within5Min; // 1
 */
export function highRiskStats(
  sites: readonly { riskLevel: number }[],
  etaS: ArrayLike<number>,
  noRoad: (i: number) => boolean,
) {
  const etas: number[] = [];
  let noRoadNear = 0;
  sites.forEach((s, i) => {
    if (s.riskLevel < HIGH_RISK) return;
    etas.push(etaS[i] as number);
    if (noRoad(i)) noRoadNear++;
  });
  etas.sort((a, b) => a - b);
  const reached = etas.filter(Number.isFinite);
  return {
    highRiskSites: etas.length,
    reachedWithinCutoff: reached.length,
    /** No road within maxOffRoadM: not reachable on this network, whatever the units. */
    noRoadNear,
    meanEtaS: reached.length > 0 ? round1(reached.reduce((a, b) => a + b, 0) / reached.length) : null,
    /** Over all high-risk sites; null when more than 10 % are not reached within the site cutoff. */
    p90EtaS: nearestRankQuantile(etas, 0.9),
    /** Over the reached ones only (the mean's population). */
    p90EtaReachedS: nearestRankQuantile(reached, 0.9),
    within5Min: etas.filter((t) => t <= FIVE_MINUTES_S).length,
  };
}
