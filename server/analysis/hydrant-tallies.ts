/**
 * Tallies of the hydrant planning answers: built-up street metres, uncovered sites per risk
 * level, and what a what-if changes (sites newly covered or uncovered, per township, category
 * and risk level). Pure.
 */
import type { HydrantCoverage } from './hydrant-coverage';
import type { HydrantSpacing } from './hydrant-spacing';

/** Built-up street metres: all, outside every protection circle, and in over-spaced stretches. */
export function roadTotals(s: HydrantSpacing) {
  return {
    roadM: s.byTownship.reduce((a, t) => a + t.roadM, 0),
    uncoveredRoadM: s.byTownship.reduce((a, t) => a + t.uncoveredM, 0),
    spacingGapM: s.byTownship.reduce((a, t) => a + t.spacingGapM, 0),
  };
}

/** The same totals under the coverage report's names. */
export function streetTotals(s: HydrantSpacing) {
  return s.byTownship.reduce(
    (t, r) => ({
      roadM: t.roadM + r.roadM,
      uncoveredM: t.uncoveredM + r.uncoveredM,
      spacingGapM: t.spacingGapM + r.spacingGapM,
    }),
    { roadM: 0, uncoveredM: 0, spacingGapM: 0 },
  );
}

/** Sites per risk level, highest level first. */
export function countByRisk(sites: readonly { riskLevel: number }[]): { riskLevel: number; count: number }[] {
  const byRisk = new Map<number, number>();
  for (const s of sites) byRisk.set(s.riskLevel, (byRisk.get(s.riskLevel) ?? 0) + 1);
  return [...byRisk].sort(([a], [b]) => b - a).map(([riskLevel, count]) => ({ riskLevel, count }));
}

export interface WhatIfSite {
  township: string;
  category: string;
  riskLevel: number;
}

/**
 * What changes from `before` to `after` coverage of the same sites.
 * @example
 * whatIfTallies(sites, before, after).byCategory; // { hazmat: 2, medical: -1 }: net sites gained
 */
export function whatIfTallies(
  sites: readonly WhatIfSite[],
  before: Pick<HydrantCoverage, 'covered'>,
  after: Pick<HydrantCoverage, 'covered'>,
) {
  const newlyCovered: number[] = [];
  const newlyUncovered: number[] = [];
  const byTownship = new Map<string, { before: number; after: number; sites: number }>();
  sites.forEach((s, i) => {
    const b = before.covered[i] as number;
    const a = after.covered[i] as number;
    if (a && !b) newlyCovered.push(i);
    if (b && !a) newlyUncovered.push(i);
    const t = byTownship.get(s.township) ?? { before: 0, after: 0, sites: 0 };
    t.before += b;
    t.after += a;
    t.sites++;
    byTownship.set(s.township, t);
  });
  // Net change per category and risk level (newly covered minus newly uncovered).
  const byCategory: Record<string, number> = {};
  const byRisk: Record<string, number> = {};
  for (const [list, sign] of [
    [newlyCovered, 1],
    [newlyUncovered, -1],
  ] as const) {
    for (const i of list) {
      const s = sites[i] as WhatIfSite;
      byCategory[s.category] = (byCategory[s.category] ?? 0) + sign;
      byRisk[s.riskLevel] = (byRisk[s.riskLevel] ?? 0) + sign;
    }
  }
  /** Townships whose covered count changes, by code. */
  const townships = [...byTownship]
    .filter(([, t]) => t.before !== t.after)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, t]) => ({ code, ...t, delta: t.after - t.before }));
  return { newlyCovered, newlyUncovered, byCategory, byRisk, townships };
}
