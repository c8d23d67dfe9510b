/**
 * Writes behind the asset edits (issue 13): one row of units / hydrants / sites locked, inserted,
 * updated or deleted, its snapshot for the audit row (columns as stored, geometry as lon / lat),
 * and what refers to a row (a delete would break it). SQL only; the service owns the transaction.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { hydrants, sites, units } from '../schema';

export const editTables = { units, hydrants, sites } as const;
export type EditTable = keyof typeof editTables;

/** A row as stored (snake_case columns), geometry as lon / lat: what the audit row keeps. */
export type RowSnapshot = Record<string, unknown> & {
  id: number;
  version: number;
  township_code: string | null;
  adcode: string;
  code: string;
};

/** The row, locked until the transaction ends when `lock`; null when there is none. */
export async function rowSnapshot(db: Db, table: EditTable, id: number, lock = false): Promise<RowSnapshot | null> {
  const [row] = await db.rows<{ row: RowSnapshot }>(sql`
    SELECT (to_jsonb(t) - 'geom') || jsonb_build_object('lon', ST_X(t.geom), 'lat', ST_Y(t.geom)) AS row
    FROM ${sql.identifier(table)} t WHERE t.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
  return row?.row ?? null;
}

export async function codeTaken(db: Db, table: EditTable, code: string, exceptId?: number): Promise<boolean> {
  const rows = await db.rows(
    sql`SELECT 1 FROM ${sql.identifier(table)} WHERE code = ${code} ${exceptId === undefined ? sql`` : sql`AND id <> ${exceptId}`}`,
  );
  return rows.length > 0;
}

/**
 * The next code of a `PREFIX-nnnn` series (HY-, SI-), counted from the largest taken, with the
 * table locked against concurrent inserts until the transaction ends.
 */
export async function nextCode(tx: Db, table: 'hydrants' | 'sites', prefix: string, width: number): Promise<string> {
  await tx.rows(sql`LOCK TABLE ${sql.identifier(table)} IN SHARE ROW EXCLUSIVE MODE`);
  const row = await tx.one<{ n: number }>(
    sql`SELECT coalesce(max(substring(code FROM ${prefix.length + 1}::int)::int), 0)::int AS n
        FROM ${sql.identifier(table)} WHERE code ~ ${`^${prefix}[0-9]+$`}`,
    'code maximum',
  );
  return `${prefix}${String(row.n + 1).padStart(width, '0')}`;
}

type Insert<T extends EditTable> = (typeof editTables)[T]['$inferInsert'];

export async function insertRow<T extends EditTable>(tx: Db, table: T, values: Insert<T>): Promise<number> {
  const t = editTables[table];
  const [row] = await tx.orm
    .insert(t)
    .values(values as never)
    .returning({ id: t.id });
  if (!row) throw new Error(`insert into ${table} returned no row`);
  return row.id;
}

export async function updateRow<T extends EditTable>(tx: Db, table: T, id: number, values: Partial<Insert<T>>) {
  const t = editTables[table];
  await tx.orm
    .update(t)
    .set(values as never)
    .where(eq(t.id, id));
}

export async function deleteRow(tx: Db, table: EditTable, id: number): Promise<void> {
  await tx.one(sql`DELETE FROM ${sql.identifier(table)} WHERE id = ${id} RETURNING id`, `delete from ${table}`);
}

/** Rows elsewhere that refer to this one (a delete would orphan them), by table. */
export async function referencesTo(db: Db, table: EditTable, id: number): Promise<Record<string, number>> {
  const checks: Record<EditTable, [string, ReturnType<typeof sql>][]> = {
    units: [],
    hydrants: [
      ['hydrant_inspections', sql`SELECT count(*)::int AS n FROM hydrant_inspections WHERE hydrant_id = ${id}`],
    ],
    sites: [
      ['hazards', sql`SELECT count(*)::int AS n FROM hazards WHERE site_id = ${id}`],
      ['enforcement_actions', sql`SELECT count(*)::int AS n FROM enforcement_actions WHERE site_id = ${id}`],
    ],
  };
  const out: Record<string, number> = {};
  for (const [name, query] of checks[table]) {
    const { n } = await db.one<{ n: number }>(query, `${name} references`);
    if (n > 0) out[name] = n;
  }
  return out;
}
