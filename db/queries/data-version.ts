/** The versions of domain tables (table_versions, bumped by statement triggers — migration 0005). */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** The domain tables that carry a version trigger (db/migrations/0005_data-version.sql). */
export const versionedTables = [
  'datasets',
  'counties',
  'townships',
  'villages',
  'road_classes',
  'roads',
  'road_imports',
  'parks',
  'pois',
  'units',
  'hydrants',
  'sites',
  'hazards',
  'hazard_transitions',
  'enforcement_actions',
  'scenarios',
  'patrols',
  'trainings',
  'village_visits',
  'notices',
  'notice_hazards',
] as const;
export type VersionedTable = (typeof versionedTables)[number];

/** Every table's version, as the session query reads them with the session (accounts.ts). */
export type TableVersions = Readonly<Record<string, string>>;

/** The versions of all tables as one JSON object column, for a query that reads them alongside. */
export const allTableVersions = sql`(SELECT coalesce(json_object_agg(table_name, version::text), '{}') FROM table_versions)`;

/**
 * "table:version,…" for the given tables (those with a row), in code-unit order: equal keys =
 * unchanged tables. Built here, not in SQL, so a key from `versions` read earlier and one read
 * now are spelled alike whatever the database's collation.
 */
export function versionKey(versions: TableVersions, tables: readonly VersionedTable[]): string {
  return [...new Set(tables)]
    .filter((t) => versions[t] !== undefined)
    .sort()
    .map((t) => `${t}:${versions[t]}`)
    .join(',');
}

/** The version key of the given tables, read now. */
export async function tableVersionKey(db: Db, tables: readonly VersionedTable[]): Promise<string> {
  const rows = await db.rows<{ table: string; version: string }>(
    sql`SELECT table_name AS table, version::text AS version FROM table_versions WHERE table_name IN (${sql.join(
      tables.map((t) => sql`${t}`),
      sql`, `,
    )})`,
  );
  return versionKey(Object.fromEntries(rows.map((r) => [r.table, r.version])), tables);
}
