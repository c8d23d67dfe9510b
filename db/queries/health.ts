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

/** The last road import (npm run import:roads), or null while the roads are the generated ones. */
export interface RoadImportInfo {
  adcode: string;
  /** The imported file's name. */
  file: string;
  format: string;
  edges: number;
  lengthKm: number;
  importedAt: string;
}

export async function lastRoadImport(db: Db): Promise<RoadImportInfo | null> {
  const rows = await db.rows<RoadImportInfo>(
    sql`SELECT adcode, source AS file, format, edges, length_km AS "lengthKm",
               to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "importedAt"
        FROM road_imports ORDER BY imported_at DESC, id DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}
