/**
 * SQL of the roads layer of the import pipeline (issue 12 §1): the county's roads as the import
 * found them (each recorded with its snapshot, so undo puts the network back, ids and all) and
 * the roads it wrote (recorded with their fingerprints, so undo sees a later change).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { fingerprint, snapshot } from './imports';

/** Deletes the county's roads, recording each for undo; returns how many. */
export async function deleteRoadsRecorded(db: Db, importId: number, adcode: string): Promise<number> {
  const rows = await db.rows(sql`
    WITH d AS (DELETE FROM roads WHERE adcode = ${adcode} RETURNING *)
    INSERT INTO import_rows (import_id, table_name, row_id, action, before, after_md5)
    SELECT ${importId}, 'roads', d.id::text, 'delete', ${snapshot('d', true)}, '' FROM d
    RETURNING row_id`);
  return rows.length;
}

/** Records every road of the county (after the import wrote them) as inserted by it. */
export async function recordInsertedRoads(db: Db, importId: number, adcode: string): Promise<number> {
  const rows = await db.rows(sql`
    INSERT INTO import_rows (import_id, table_name, row_id, action, before, after_md5)
    SELECT ${importId}, 'roads', r.id::text, 'insert', NULL, ${fingerprint('r', true)} FROM roads r
    WHERE r.adcode = ${adcode}
    RETURNING row_id`);
  return rows.length;
}

export async function countyRoadCount(db: Db, adcode: string): Promise<number> {
  const row = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM roads WHERE adcode = ${adcode}`);
  return row.n;
}
