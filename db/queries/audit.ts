/** The append-only audit log and the per-county data version (db/schema-accounts.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface AuditEntry {
  actor: string | null;
  role: string | null;
  township: string | null;
  clientAddress: string | null;
  action: string;
  tableName: string | null;
  rowId: string | null;
  before: unknown;
  after: unknown;
  ok: boolean;
  reason: string | null;
  atMs: number;
}

export interface AuditRow extends Omit<AuditEntry, 'atMs'> {
  id: number;
  at: string;
}

const json = (v: unknown) => (v === undefined || v === null ? sql`NULL` : sql`${JSON.stringify(v)}::jsonb`);

export async function insertAudit(db: Db, e: AuditEntry): Promise<number> {
  const row = await db.one<{ id: number }>(
    sql`INSERT INTO audit_log (at, actor, role, township, client_address, action, table_name, row_id, before, after, ok, reason)
      VALUES (to_timestamp(${e.atMs / 1000}::float8), ${e.actor}, ${e.role}, ${e.township}, ${e.clientAddress}, ${e.action},
        ${e.tableName}, ${e.rowId}, ${json(e.before)}, ${json(e.after)}, ${e.ok}, ${e.reason})
      RETURNING id::int AS id`,
    'insert audit row',
  );
  return row.id;
}

export interface AuditFilter {
  actor?: string;
  table?: string;
  township?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Db, f: AuditFilter): Promise<{ total: number; rows: AuditRow[] }> {
  const where = [sql`true`];
  if (f.actor !== undefined) where.push(sql`actor = ${f.actor}`);
  if (f.table !== undefined) where.push(sql`table_name = ${f.table}`);
  if (f.township !== undefined) where.push(sql`township = ${f.township}`);
  if (f.action !== undefined) where.push(sql`action = ${f.action}`);
  if (f.from !== undefined) where.push(sql`at >= ${f.from}::date`);
  if (f.to !== undefined) where.push(sql`at < ${f.to}::date + 1`);
  const cond = sql.join(where, sql` AND `);
  const [{ total } = { total: 0 }] = await db.rows<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM audit_log WHERE ${cond}`,
  );
  const rows = await db.rows<AuditRow>(
    sql`SELECT id::int AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, role, township,
        client_address AS "clientAddress", action, table_name AS "tableName", row_id AS "rowId", before, after, ok, reason
      FROM audit_log WHERE ${cond} ORDER BY id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return { total, rows };
}

/** Deletes audit rows older than `days` (the trigger allows only that, and only with the archive flag). */
export async function archiveAuditOlderThan(
  db: Db,
  days: number,
  /** Keeps the rows (writes the archive file) before the transaction commits; a throw keeps them in the table. */
  keep: (rows: unknown[]) => void,
): Promise<unknown[]> {
  return db.transaction(async (tx) => {
    await tx.rows(sql`SELECT set_config('fireatlas.audit_archive', 'on', true)`);
    const rows = await tx.rows(
      sql`DELETE FROM audit_log WHERE at < now() - make_interval(days => ${days}) RETURNING id::int AS id, at::text AS at,
        actor, role, township, client_address AS "clientAddress", action, table_name AS "tableName", row_id AS "rowId",
        before, after, ok, reason`,
    );
    keep(rows);
    return rows;
  });
}

/** Bumps (or starts) the county's data version; returns the new one. */
export async function bumpDataVersion(db: Db, adcode: string): Promise<number> {
  const row = await db.one<{ version: number }>(
    sql`INSERT INTO data_versions (adcode, version) VALUES (${adcode}, 1)
      ON CONFLICT (adcode) DO UPDATE SET version = data_versions.version + 1, changed_at = now()
      RETURNING version::int AS version`,
    'bump data version',
  );
  return row.version;
}
