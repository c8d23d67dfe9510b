/** The versions of domain tables (table_versions, bumped by statement triggers — migration 0005). */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** The domain tables that carry a version trigger (db/migrations/0005_data-version.sql). */
export type VersionedTable =
  | 'datasets'
  | 'counties'
  | 'townships'
  | 'villages'
  | 'road_classes'
  | 'roads'
  | 'road_imports'
  | 'parks'
  | 'pois'
  | 'units'
  | 'hydrants'
  | 'sites'
  | 'hazards'
  | 'hazard_transitions'
  | 'enforcement_actions'
  | 'scenarios'
  | 'patrols'
  | 'trainings'
  | 'village_visits'
  | 'notices'
  | 'notice_hazards';

/** "table:version,…" for the given tables, in name order: equal keys = unchanged tables. */
export async function tableVersionKey(db: Db, tables: readonly VersionedTable[]): Promise<string> {
  const row = await db.one<{ key: string }>(
    sql`SELECT coalesce(string_agg(table_name || ':' || version::text, ',' ORDER BY table_name), '') AS key
      FROM table_versions WHERE table_name IN (${sql.join(
        tables.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    'table versions',
  );
  return row.key;
}
