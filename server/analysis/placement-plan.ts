/**
 * Hydrant placement proposals: the lazy-greedy picks over the placement demand, each with
 * what it buys — its rank, weighted gain, the sites it newly covers (by category) and the
 * metres of uncovered road it newly covers. Issue 5: "where should the next 30 municipal
 * hydrants go, and what does each one buy?"
 */
import type { Candidate } from './placement-candidates';
import { type DemandInput, type DemandOptions, placementDemand } from './placement-demand';
import { lazyGreedy, plainGreedy } from './placement-greedy';

/** The brigade built 30 new municipal hydrants in 2023 (issue 5): the default batch. */
export const PROPOSAL_COUNT = 30;

export interface Proposal {
  /** 1 = the first pick. */
  readonly rank: number;
  /** Index into the candidates passed in. */
  readonly candidate: number;
  readonly lon: number;
  readonly lat: number;
  readonly township: string | null;
  /** Weighted demand newly covered (risk-weighted sites + weighted metres of road). */
  readonly gain: number;
  /** Sites newly covered, as indices into the sites passed in. */
  readonly sites: number[];
  /** Count of newly covered sites per category ('' when a site has none). */
  readonly sitesByCategory: Record<string, number>;
  /** Metres of uncovered road newly covered (to about a road piece per stretch end). */
  readonly roadM: number;
}

export interface PlanInput extends DemandInput {
  readonly candidates: readonly Candidate[];
}

export interface PlanOptions extends DemandOptions {
  readonly count?: number;
  /** 'plain' runs the textbook greedy — same answer, slower; for checking. */
  readonly greedy?: 'lazy' | 'plain';
}

/**
 * @example
 * const proposals = planHydrants({ sites, coverage, stretches: spacing.uncovered, candidates });
 * proposals[0]; // { rank: 1, lon, lat, township, gain: 23.4, sitesByCategory: { nine_small: 3 }, roadM: 260, … }
 */
export function planHydrants(input: PlanInput, options: PlanOptions = {}): Proposal[] {
  const count = options.count ?? PROPOSAL_COUNT;
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  const demand = placementDemand(input, options);
  const picks = (options.greedy === 'plain' ? plainGreedy : lazyGreedy)(demand, count);
  const covered = new Uint8Array(demand.weight.length);
  return picks.map((c, i) => {
    const candidate = input.candidates[c] as Candidate;
    const sites: number[] = [];
    const sitesByCategory: Record<string, number> = {};
    let gain = 0;
    let roadM = 0;
    for (let k = demand.setStart[c] as number; k < (demand.setStart[c + 1] as number); k++) {
      const e = demand.setElems[k] as number;
      if (covered[e]) continue;
      covered[e] = 1;
      gain += demand.weight[e] as number;
      if (e < demand.sites.length) {
        const site = demand.sites[e] as number;
        const category = input.sites[site]?.category ?? '';
        sites.push(site);
        sitesByCategory[category] = (sitesByCategory[category] ?? 0) + 1;
      } else roadM += demand.metres[e] as number;
    }
    return {
      rank: i + 1,
      candidate: c,
      lon: candidate.lon,
      lat: candidate.lat,
      township: candidate.township,
      gain,
      sites: sites.sort((a, b) => a - b),
      sitesByCategory,
      roadM,
    };
  });
}
