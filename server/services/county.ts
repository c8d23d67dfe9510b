/**
 * Which county an analysis runs on (issue 12 §5): the `county` query parameter (an adcode) checked
 * against the counties table, the focus county when none is given. The list is cached by the
 * counties table's version (data-version.ts), so the check costs no query per request.
 */
import type { Db } from '../../db/client';
import { type CountyRow, countyRows } from '../../db/queries/county';
import { NotFoundError } from '../errors';
import { versionedCache } from './data-version';

const counties = versionedCache(['counties'], (db: Db) => countyRows(db));

/** The counties held, the focus county first. */
export async function countyList(db: Db): Promise<CountyRow[]> {
  return (await counties.get(db, 'counties')).value;
}

/** The adcode of the county asked for, or of the focus county; 404 when the database has no such county. */
export async function countyOf(db: Db, adcode?: string): Promise<string> {
  const list = await countyList(db);
  const row = adcode === undefined ? list.find((c) => c.focus) : list.find((c) => c.adcode === adcode);
  if (row) return row.adcode;
  throw adcode === undefined
    ? new NotFoundError('数据库中没有重点县，请先运行 npm run seed (no focus county in the database)')
    : new NotFoundError(`数据库中没有行政区划代码为 ${adcode} 的县 (no county ${adcode} in the database)`);
}
