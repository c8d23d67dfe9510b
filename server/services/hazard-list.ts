/** Hazards as filtered JSON rows (the table behind the map's hazard layer). */
import type { Db } from '../../db/client';
import { type HazardListRow, listHazards } from '../../db/queries/hazard-list';
import { townshipExists } from '../../db/queries/layers';
import { datasetAsOf } from '../../db/queries/township-stats';
import { DEFAULT_REBOUND_WINDOW_DAYS } from '../analysis/hazard-rebound';
import { InvalidParameterError } from '../errors';

export interface HazardListQuery {
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

export async function hazardList(
  db: Db,
  q: HazardListQuery,
): Promise<{ total: number; limit: number; offset: number; asOf: string; rows: HazardListRow[] }> {
  if (q.township !== undefined && !(await townshipExists(db, q.township))) {
    throw new InvalidParameterError(`unknown township ${q.township}`, { township: q.township });
  }
  const asOf = q.asOf ?? (await datasetAsOf(db));
  const { total, rows } = await listHazards(db, {
    ...q,
    asOf,
    reboundWindowDays: q.reboundWindowDays ?? DEFAULT_REBOUND_WINDOW_DAYS,
  });
  return { total, limit: q.limit, offset: q.offset, asOf, rows };
}
