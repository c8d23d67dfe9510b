/**
 * What-if for hydrants (POST /api/coverage/hydrants/what-if): hydrants added by clicks and
 * counted ones marked faulty, the coverage and street totals before and after, and what changes.
 */
import type { Db } from '../../db/client';
import { type HydrantPoint, hydrantIdsExisting, type SitePoint, sitePoints } from '../../db/queries/hydrant-planning';
import { hydrantCoverage } from '../analysis/hydrant-coverage';
import { hydrantSpacing } from '../analysis/hydrant-spacing';
import { roadTotals, whatIfTallies } from '../analysis/hydrant-tallies';
import { whatIfAddHydrants, whatIfRemoveHydrants } from '../analysis/hydrant-what-if';
import { toEcef } from '../analysis/metric';
import { InvalidParameterError } from '../errors';
import {
  builtUpStreets,
  type HydrantFilter,
  hydrantAssumptions,
  hydrantSet,
  planningCounty,
  seatNames,
} from './hydrant-inputs';

export interface WhatIfParams extends HydrantFilter {
  add: readonly [number, number][];
  faulty: readonly number[];
}

export async function hydrantWhatIf(db: Db, params: WhatIfParams) {
  const county = await planningCounty(db, params);
  const faulty = [...new Set(params.faulty)];
  const existing = new Set(await hydrantIdsExisting(db, faulty));
  const unknown = faulty.filter((id) => !existing.has(id));
  if (unknown.length > 0) throw new InvalidParameterError(`unknown hydrant ids: ${unknown.join(', ')}`, { unknown });
  const [hs, sites, names, streets] = await Promise.all([
    hydrantSet(db, params, county),
    sitePoints(db, county),
    seatNames(db, county),
    builtUpStreets(db, county),
  ]);
  const indexOf = new Map(hs.rows.map((h, i) => [h.id, i]));
  const removed = faulty.flatMap((id) => (indexOf.has(id) ? [indexOf.get(id) as number] : []));
  const notCounted = faulty.filter((id) => !indexOf.has(id));
  const added = params.add.map(([lon, lat]) => ({ lon, lat }));
  const xyz = toEcef(sites);
  const before = hydrantCoverage(xyz, hs.points, params.radius);
  const mid = removed.length > 0 ? whatIfRemoveHydrants(xyz, hs.points, before, removed).coverage : before;
  const after = added.length > 0 ? whatIfAddHydrants(xyz, hs.points, mid, added).coverage : mid;
  const tally = whatIfTallies(sites, before, after);
  const describe = (i: number) => {
    const s = sites[i] as SitePoint;
    const j = after.nearest[i] as number;
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      category: s.category,
      riskLevel: s.riskLevel,
      township: s.township,
      distanceBeforeM: Number.isFinite(before.distanceM[i]) ? before.distanceM[i] : null,
      distanceAfterM: Number.isFinite(after.distanceM[i]) ? after.distanceM[i] : null,
      nearestAfter:
        j < 0 ? null : j < hs.rows.length ? (hs.rows[j] as HydrantPoint).code : { added: j - hs.rows.length },
    };
  };
  const pct = (n: number) => (sites.length === 0 ? 100 : (100 * n) / sites.length);
  const removedSet = new Set(removed);
  const spacingBefore = hydrantSpacing(streets, hs.points, { radiusM: params.radius });
  const spacingAfter =
    added.length === 0 && removed.length === 0
      ? spacingBefore
      : hydrantSpacing(streets, [...hs.rows.filter((_, i) => !removedSet.has(i)), ...added], {
          radiusM: params.radius,
        });
  return {
    assumptions: hydrantAssumptions(params),
    notCounted,
    before: { covered: before.coveredCount, percent: pct(before.coveredCount), ...roadTotals(spacingBefore) },
    after: { covered: after.coveredCount, percent: pct(after.coveredCount), ...roadTotals(spacingAfter) },
    delta: after.coveredCount - before.coveredCount,
    /** Net sites gained (+) or lost (−) per category and per risk level (1–4). */
    deltaByCategory: tally.byCategory,
    deltaByRisk: tally.byRisk,
    newlyCovered: tally.newlyCovered.map(describe),
    newlyUncovered: tally.newlyUncovered.map(describe),
    byTownship: tally.townships.map(({ code, ...t }) => ({ township: code, name: names.get(code) ?? null, ...t })),
  };
}
