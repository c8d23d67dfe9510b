/** Hazards as filtered JSON rows (the table behind the map's hazard layer). */
import type { Db } from '../../db/client';
import { type HazardListRow, listHazards } from '../../db/queries/hazard-list';
import { townshipExists } from '../../db/queries/layers';
import { datasetAsOf, reboundInputs } from '../../db/queries/township-stats';
import { DEFAULT_REBOUND_WINDOW_DAYS, detectRebounds } from '../analysis/hazard-rebound';
import { InvalidParameterError } from '../errors';
import { countyOf } from './county';
import { versionedCache } from './data-version';

export interface HazardListQuery {
  /** Only this county's hazards (adcode; 404 when unknown); every county's when absent. */
  county?: string;
  township?: string;
  status?: string;
  category?: string;
  overdue?: boolean;
  rebound?: boolean;
  from?: string;
  to?: string;
  asOf?: string;
  reboundWindowDays?: number;
  limit: number;
  offset: number;
}

/**
 * Every rebound's id for a window, by the one rule (detectRebounds, as the layer, the statistics and
 * the bulletin count), over every hazard that has a sibling at its site and category; held until
 * the hazards change.
 */
const rebounds = versionedCache(
  ['hazards'],
  async (db: Db, windowDays: number) =>
    detectRebounds(await reboundInputs(db, '1900-01-01', '2100-12-31', windowDays), windowDays).map((r) => r.id),
  (windowDays) => String(windowDays),
  8,
);

export async function hazardList(
  db: Db,
  q: HazardListQuery,
): Promise<{ total: number; limit: number; offset: number; asOf: string; rows: HazardListRow[] }> {
  if (q.township !== undefined && !(await townshipExists(db, q.township))) {
    throw new InvalidParameterError(`unknown township ${q.township}`, { township: q.township });
  }
  if (q.county !== undefined) await countyOf(db, q.county);
  const asOf = q.asOf ?? (await datasetAsOf(db));
  const { reboundWindowDays, ...filters } = q;
  const reboundIds = (await rebounds.get(db, reboundWindowDays ?? DEFAULT_REBOUND_WINDOW_DAYS)).value;
  const { total, rows } = await listHazards(db, { ...filters, asOf, reboundIds });
  return { total, limit: q.limit, offset: q.offset, asOf, rows };
}
