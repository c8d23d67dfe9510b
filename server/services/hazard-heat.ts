/** Heat-map points of hazards (all found in a window, or open at its end), weighted per site. */
import type { Db } from '../../db/client';
import { hazardHeat } from '../../db/queries/hazard-heat';
import { townshipExists } from '../../db/queries/layers';
import { datasetAsOf } from '../../db/queries/township-stats';
import { InvalidParameterError } from '../errors';
import { countyOf } from './county';

export async function hazardHeatPoints(
  db: Db,
  q: { state: 'all' | 'open'; from?: string; to?: string; township?: string; county?: string },
): Promise<{ state: 'all' | 'open'; from: string; to: string; total: number; points: [number, number, number][] }> {
  if (q.township !== undefined && !(await townshipExists(db, q.township))) {
    throw new InvalidParameterError(`unknown township ${q.township}`, { township: q.township });
  }
  const to = q.to ?? (await datasetAsOf(db));
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new InvalidParameterError('from must not be after to', { from, to });
  // `county`: that county's hazards (404 when unknown); every county's without it.
  const county = q.county === undefined ? undefined : await countyOf(db, q.county);
  const { total, points } = await hazardHeat(db, { state: q.state, from, to, township: q.township, county });
  return { state: q.state, from, to, total, points };
}
