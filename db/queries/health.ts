/** Engine facts and row counts for GET /api/health. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export const countedTables = [
  'counties',
  'townships',
  'villages',
  'roads',
  'units',
  'hydrants',
  'sites',
  'hazards',
  'enforcement_actions',
  'scenarios',
] as const;
export type CountedTable = (typeof countedTables)[number];

export async function postgisVersion(db: Db): Promise<string> {
  const row = await db.one<{ v: string }>(sql`SELECT postgis_lib_version() AS v`, 'postgis_lib_version');
  return row.v;
}

export async function tableCounts(db: Db): Promise<Record<CountedTable, number>> {
  const parts = countedTables.map((t) => sql`'${sql.raw(t)}', (SELECT count(*)::int FROM ${sql.identifier(t)})`);
  const row = await db.one<{ counts: Record<CountedTable, number> }>(
    sql`SELECT json_build_object(${sql.join(parts, sql`, `)}) AS counts`,
    'table counts',
  );
  return row.counts;
}

export interface DatasetInfo {
  adcode: string;
  name: string;
  synthetic: boolean;
  seed: number | null;
  asOf: string;
  note: string;
}

export async function datasets(db: Db): Promise<DatasetInfo[]> {
  return db.rows<DatasetInfo>(
    sql`SELECT adcode, name, synthetic, seed, as_of::text AS "asOf", note FROM datasets ORDER BY adcode`,
  );
}
