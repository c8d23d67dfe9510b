/**
 * Ranked placement proposals for the next hydrants (POST /api/plan/hydrants): candidates along
 * the built-up streets, a greedy plan by weighted gain, and the coverage before and after.
 */
import type { Polygon } from 'geojson';
import type { Db } from '../../db/client';
import { areaInCounty, type SitePoint, sitePoints } from '../../db/queries/hydrant-planning';
import { hydrantKind, hydrantStatus } from '../../db/schema';
import { type HydrantCoverage, hydrantCoverage } from '../analysis/hydrant-coverage';
import { type HydrantSpacing, hydrantSpacing } from '../analysis/hydrant-spacing';
import { roadTotals } from '../analysis/hydrant-tallies';
import { whatIfAddHydrants } from '../analysis/hydrant-what-if';
import { toEcef } from '../analysis/metric';
import { CANDIDATE_STEP_M, MIN_DISTANCE_M, placementCandidates } from '../analysis/placement-candidates';
import type { PlacementWeights } from '../analysis/placement-demand';
import { planHydrants } from '../analysis/placement-plan';
import { AnalysisInputError, InvalidParameterError } from '../errors';
import { pointCollection } from '../export/geojson';
import { DUPLICATE_M } from './hydrant-accept';
import {
  builtUpStreets,
  type HydrantFilter,
  hydrantAssumptions,
  hydrantSet,
  planningCounty,
  seatNames,
} from './hydrant-inputs';

/**
 * Default placement weights (assumption): a site by risk level 1–4 weighs 1, 2, 4, 8 (unknown = 1), and
 * 150 m of uncovered built-up street weighs as one low-risk site (perMetre 1/150). With the
 * analysis default (1/50) a hydrant that only lines an empty street (up to 300 m covered =
 * 6) outbids one that covers a very-high-risk site (8) plus a bit of street; the officer's
 * question is which sites each hydrant protects, so sites lead and street metres break ties
 * between otherwise similar spots and still pull hydrants onto long empty streets.
 */
export const DEFAULT_PLAN_WEIGHTS: PlacementWeights = { risk: [1, 1, 2, 4, 8], perMetre: 1 / 150 };

export interface PlanParams extends HydrantFilter {
  count: number;
  /** Planned hydrants counted as existing (default true). */
  includePlanned?: boolean;
  township?: string;
  area?: Polygon;
  minDistance?: number;
  weights?: { risk?: readonly number[]; perMetre?: number };
  /** 'plain' runs the textbook greedy (same answer, slower) — for checking. */
  greedy?: 'lazy' | 'plain';
}

export interface ProposalRow {
  rank: number;
  lon: number;
  lat: number;
  township: string | null;
  townshipName: string | null;
  roadName: string | null;
  gain: {
    weighted: number;
    sites: number;
    sitesByCategory: Record<string, number>;
    siteIds: number[];
    roadM: number;
  };
}

function planWeights(w: PlanParams['weights']): PlacementWeights {
  if (!w) return DEFAULT_PLAN_WEIGHTS;
  const risk = w.risk ? [w.risk[0] as number, ...w.risk] : DEFAULT_PLAN_WEIGHTS.risk;
  return { risk, perMetre: w.perMetre ?? DEFAULT_PLAN_WEIGHTS.perMetre };
}

async function checkArea(db: Db, area: Polygon | undefined, county: string): Promise<void> {
  if (!area) return;
  const check = await areaInCounty(db, area, county);
  if (!check.valid) throw new InvalidParameterError('area: the polygon is not valid (self-intersecting?)');
  if (!check.inside) throw new AnalysisInputError('area: the polygon lies outside the county');
}

/** Every hydrant of any status and kind: no proposal within DUPLICATE_M of one. */
const ANY_HYDRANT = { statuses: hydrantStatus.enumValues, kinds: hydrantKind.enumValues };

/** The statuses a plan counts: planned ones added (the default) or taken out. */
export function countedStatuses(statuses: readonly string[], includePlanned: boolean): string[] {
  const rest = statuses.filter((s) => s !== 'planned');
  return includePlanned ? [...rest, 'planned'] : rest;
}

export async function planHydrantProposals(db: Db, request: PlanParams) {
  const includePlanned = request.includePlanned ?? true;
  const params = { ...request, statuses: countedStatuses(request.statuses, includePlanned) };
  if (params.statuses.length === 0) throw new InvalidParameterError('statuses: nothing left to count without planned');
  const county = await planningCounty(db, params);
  await checkArea(db, params.area, county);
  const [hs, every, sites, names, streets] = await Promise.all([
    hydrantSet(db, params, county),
    hydrantSet(db, ANY_HYDRANT, county),
    sitePoints(db, county),
    seatNames(db, county),
    builtUpStreets(db, county),
  ]);
  const weights = planWeights(params.weights);
  const minDistanceM = params.minDistance ?? MIN_DISTANCE_M;
  const siteXyz = toEcef(sites);
  const coverage = hydrantCoverage(siteXyz, hs.points, params.radius);
  const spacing = hydrantSpacing(streets, hs.points, { radiusM: params.radius });
  const candidates = placementCandidates(streets, hs.points, {
    minDistanceM,
    area: params.area,
    townships: params.township === undefined ? undefined : [params.township],
    avoid: { points: every.points, metres: DUPLICATE_M },
  });
  const proposals =
    candidates.length === 0
      ? []
      : planHydrants(
          { sites, coverage, stretches: spacing.uncovered, candidates },
          { radiusM: params.radius, weights, count: params.count, greedy: params.greedy },
        );
  const after = whatIfAddHydrants(siteXyz, hs.points, coverage, proposals).coverage;
  const spacingAfter = hydrantSpacing(streets, [...hs.rows, ...proposals], { radiusM: params.radius });
  const totals = (c: HydrantCoverage, s: HydrantSpacing) => ({
    sitesCovered: c.coveredCount,
    sitesPercent: sites.length === 0 ? 100 : (100 * c.coveredCount) / sites.length,
    ...roadTotals(s),
  });
  const rows = proposals.map((p): ProposalRow => {
    const street = streets[candidates[p.candidate]?.road ?? -1];
    return {
      rank: p.rank,
      lon: p.lon,
      lat: p.lat,
      township: p.township,
      townshipName: p.township === null ? null : (names.get(p.township) ?? null),
      roadName: street?.name ?? null,
      gain: {
        weighted: p.gain,
        sites: p.sites.length,
        sitesByCategory: p.sitesByCategory,
        siteIds: p.sites.map((i) => (sites[i] as SitePoint).id),
        roadM: p.roadM,
      },
    };
  });
  return {
    assumptions: {
      ...hydrantAssumptions(params),
      includePlanned,
      duplicateM: DUPLICATE_M,
      count: params.count,
      township: params.township ?? null,
      area: params.area ?? null,
      weights: { risk: weights.risk.slice(1), unknownRisk: weights.risk[0], perMetre: weights.perMetre },
      candidateStepM: CANDIDATE_STEP_M,
      minDistanceM,
      candidates: candidates.length,
      greedy: params.greedy ?? 'lazy',
    },
    before: totals(coverage, spacing),
    after: totals(after, spacingAfter),
    proposals: rows,
    geojson: proposalsGeojson(rows),
  };
}

/** Proposals as points for field teams: rank, place and what each one buys. */
export function proposalsGeojson(rows: readonly ProposalRow[]) {
  return pointCollection(
    rows,
    (r) => [r.lon, r.lat],
    (r) => ({
      rank: r.rank,
      township: r.township,
      townshipName: r.townshipName,
      roadName: r.roadName,
      gainSites: r.gain.sites,
      gainRoadM: r.gain.roadM,
      gainWeighted: r.gain.weighted,
      sitesByCategory: r.gain.sitesByCategory,
    }),
  );
}
