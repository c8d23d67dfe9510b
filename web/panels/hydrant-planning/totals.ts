/** Before / after totals, the working set, number formats and weight units of 消火栓规划 (pure). */
import type { HydrantProposal } from './api';

/** Totals the card compares, as the server names them in the plan (before / after). */
export interface PlanTotals {
  sitesCovered: number;
  sitesPercent: number;
  uncoveredRoadM: number;
  spacingGapM: number;
}

/** The same totals out of a what-if answer's `before` or `after`. */
export function whatIfTotals(side: {
  covered: number;
  percent: number;
  uncoveredRoadM: number;
  spacingGapM: number;
}): PlanTotals {
  return {
    sitesCovered: side.covered,
    sitesPercent: side.percent,
    uncoveredRoadM: side.uncoveredRoadM,
    spacingGapM: side.spacingGapM,
  };
}

export type TotalKey = keyof PlanTotals;
export const totalKeys: readonly TotalKey[] = ['sitesCovered', 'sitesPercent', 'uncoveredRoadM', 'spacingGapM'];

/** Rows of the before / after card: each total, its change, and whether the change is an improvement. */
export function beforeAfterRows(before: PlanTotals, after: PlanTotals) {
  return totalKeys.map((key) => {
    const change = after[key] - before[key];
    const better = key === 'sitesCovered' || key === 'sitesPercent' ? change > 0 : change < 0;
    return {
      key,
      before: before[key],
      after: after[key],
      change,
      tone: change === 0 ? 'same' : better ? 'good' : 'bad',
    };
  });
}

/** Proposals still in the working set (not rejected), as what-if points. */
export function workingSet(proposals: readonly HydrantProposal[], rejected: ReadonlySet<number>): [number, number][] {
  return proposals.filter((p) => !rejected.has(p.rank)).map((p) => [p.lon, p.lat]);
}

/** '37.97%' */
export function formatPercent(v: number): string {
  return `${v.toFixed(2)}%`;
}

/** '53,941' (whole metres, grouped) */
export function formatMetres(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** '+12' / '−3' / '±0' */
export function formatSigned(v: number, format: (n: number) => string = (n) => n.toLocaleString('en-US')): string {
  return v > 0 ? `+${format(v)}` : v < 0 ? `−${format(-v)}` : '±0';
}

/** Street weight as the officer thinks of it: metres of uncovered street worth one low-risk site. */
export function metresPerSite(perMetre: number): number {
  return perMetre > 0 ? Math.round(1 / perMetre) : 0;
}
/** The inverse (0 = street metres ignored). */
export function perMetreOf(metres: number): number {
  return metres > 0 ? 1 / metres : 0;
}
