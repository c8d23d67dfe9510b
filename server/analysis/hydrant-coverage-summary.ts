/**
 * Coverage aggregates for the 消火栓规划 panel: percentage covered per township and per site
 * category, and the uncovered sites ranked by risk (the ones to fix first on top).
 */
import type { HydrantCoverage } from './hydrant-coverage';

/** What the summary needs to know about a site besides its coverage. */
export interface SiteAttributes {
  readonly township?: string | null;
  readonly category?: string | null;
  /** 1 = low … 4 = very high (db/schema.ts sites.risk_level). */
  readonly riskLevel?: number | null;
}

export interface CoverageGroup {
  /** Township code or site category; '' when the site has none. */
  readonly key: string;
  readonly sites: number;
  readonly covered: number;
  /** covered / sites × 100. */
  readonly percent: number;
}

export interface UncoveredSite {
  /** Index into the sites passed in. */
  readonly site: number;
  readonly riskLevel: number;
  /** Nearest hydrant (index into the hydrants used) and its distance; -1 / Infinity if none. */
  readonly hydrant: number;
  readonly distanceM: number;
}

export interface CoverageSummary {
  readonly sites: number;
  readonly covered: number;
  readonly percent: number;
  readonly byTownship: CoverageGroup[];
  readonly byCategory: CoverageGroup[];
  /** Highest risk first, then farthest from a hydrant, then site order. */
  readonly uncovered: UncoveredSite[];
}

/**
 * @example
 * const s = coverageSummary(sites, hydrantCoverage(sites, hydrants));
 * s.byTownship; // [{ key: '411121100', sites: 120, covered: 97, percent: 80.8 }, …]
 * s.uncovered[0]; // the riskiest uncovered site
 */
export function coverageSummary(sites: readonly SiteAttributes[], coverage: HydrantCoverage): CoverageSummary {
  if (sites.length !== coverage.covered.length) throw new RangeError('coverageSummary: sites and coverage differ');
  const townships = new Map<string, [number, number]>();
  const categories = new Map<string, [number, number]>();
  const uncovered: UncoveredSite[] = [];
  sites.forEach((site, i) => {
    const covered = coverage.covered[i] as number;
    count(townships, site.township ?? '', covered);
    count(categories, site.category ?? '', covered);
    if (!covered) {
      const hydrant = coverage.nearest[i] as number;
      uncovered.push({ site: i, riskLevel: site.riskLevel ?? 0, hydrant, distanceM: coverage.distanceM[i] as number });
    }
  });
  uncovered.sort((a, b) => b.riskLevel - a.riskLevel || b.distanceM - a.distanceM || a.site - b.site);
  return {
    sites: sites.length,
    covered: coverage.coveredCount,
    percent: percent(coverage.coveredCount, sites.length),
    byTownship: groups(townships),
    byCategory: groups(categories),
    uncovered,
  };
}

function count(map: Map<string, [number, number]>, key: string, covered: number): void {
  const entry = map.get(key) ?? [0, 0];
  entry[0]++;
  entry[1] += covered;
  map.set(key, entry);
}

function groups(map: Map<string, [number, number]>): CoverageGroup[] {
  return [...map]
    .map(([key, [sites, covered]]) => ({ key, sites, covered, percent: percent(covered, sites) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : (100 * part) / whole;
}
