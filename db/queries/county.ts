/** The counties an analysis can run on: each adcode with its name and whether it is the focus county. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface CountyRow {
  adcode: string;
  name: string;
  focus: boolean;
}

export async function countyRows(db: Db): Promise<CountyRow[]> {
  return db.rows<CountyRow>(sql`SELECT adcode, name, focus FROM counties ORDER BY focus DESC, adcode`);
}
