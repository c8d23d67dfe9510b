/** The counties an analysis can run on: each adcode with its name and whether it is the focus county. */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface CountyRow {
  adcode: string;
  name: string;
  focus: boolean;
}

/** `adcode = $county`, or the focus county's when none is given (a row's own adcode column by default). */
export const ofCounty = (adcode: string | undefined, column: SQL = sql`adcode`): SQL =>
  adcode === undefined ? sql`${column} IN (SELECT adcode FROM counties WHERE focus)` : sql`${column} = ${adcode}`;

export async function countyRows(db: Db): Promise<CountyRow[]> {
  return db.rows<CountyRow>(sql`SELECT adcode, name, focus FROM counties ORDER BY focus DESC, adcode`);
}
