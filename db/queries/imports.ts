/**
 * SQL of the import pipeline (issue 12): where rows land (township, county, a row of the same
 * code, a row within metres), what an import writes and what undo restores. Rows travel as one
 * JSON parameter and are typed by `jsonb_populate_recordset(null::<table>, …)`, so every layer's
 * table is written the same way; geometry travels as EWKT (in) and hex EWKB (snapshots).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface ImportCountyRow {
  adcode: string;
  name: string;
  centreLon: number;
}

export async function importFocusCounty(db: Db, adcode?: string): Promise<ImportCountyRow | undefined> {
  const [row] = await db.rows<ImportCountyRow>(sql`SELECT adcode, name, ST_X(center)::float8 AS "centreLon"
    FROM counties WHERE ${adcode === undefined ? sql`focus` : sql`adcode = ${adcode}`} ORDER BY adcode LIMIT 1`);
  return row;
}

/** The county's roads as WGS84 segments [[lon, lat], [lon, lat]] for the road-fit detection. */
export async function countyRoadLines(db: Db, adcode: string): Promise<[number, number][][]> {
  const rows = await db.rows<{ c: [number, number][] }>(
    sql`SELECT (ST_AsGeoJSON(geom, 7)::json)->'coordinates' AS c FROM roads WHERE adcode = ${adcode}`,
  );
  return rows.map((r) => (typeof r.c === 'string' ? JSON.parse(r.c) : r.c));
}

export async function roadsStamp(db: Db, adcode: string): Promise<string> {
  const r = await db.one<{ n: number; m: number | null }>(
    sql`SELECT count(*)::int AS n, max(id)::int AS m FROM roads WHERE adcode = ${adcode}`,
  );
  return `${r.n}:${r.m}`;
}

/** How a layer's table names its rows: the primary key (import_rows.row_id, as text) and the column a file row matches by. */
export interface RowKeys {
  key: string;
  code: string;
}
export const ID_KEYS: RowKeys = { key: 'id', code: 'code' };

export interface LocatedRow {
  n: number;
  township: string | null;
  inside: boolean;
  existingId: number | string | null;
  existingTownship: string | null;
  nearId: number | string | null;
  nearCode: string | null;
  nearM: number | null;
}

/**
 * Per point (n, lon, lat, code): its township and whether it lies in the county; the row of the
 * same code; and, for a point without such a row, the nearest row of the table within `metres`.
 */
export async function locateImportRows(
  db: Db,
  table: string,
  adcode: string,
  metres: number,
  points: readonly { n: number; lon: number; lat: number; code: string | null }[],
  keys: RowKeys = ID_KEYS,
): Promise<LocatedRow[]> {
  if (points.length === 0) return [];
  const t = sql.identifier(table);
  const k = sql.identifier(keys.key);
  return db.rows<LocatedRow>(sql`
    WITH p AS (
      SELECT (x->>'n')::int AS n, x->>'code' AS code,
        ST_SetSRID(ST_MakePoint((x->>'lon')::float8, (x->>'lat')::float8), 4326) AS g
      FROM jsonb_array_elements(${JSON.stringify(points)}::jsonb) AS a(x)
    ), c AS (SELECT geom FROM counties WHERE adcode = ${adcode})
    SELECT p.n,
      (SELECT tw.code FROM townships tw WHERE tw.adcode = ${adcode} AND ST_Covers(tw.geom, p.g) ORDER BY tw.code LIMIT 1) AS township,
      coalesce((SELECT ST_Covers(c.geom, p.g) FROM c), false) AS inside,
      e.${k} AS "existingId", e.township_code AS "existingTownship",
      near.id AS "nearId", near.code AS "nearCode", near.d AS "nearM"
    FROM p
    LEFT JOIN ${t} e ON e.code = p.code
    LEFT JOIN LATERAL (
      SELECT o.${k} AS id, o.code, ST_Distance(o.geom::geography, p.g::geography)::float8 AS d FROM ${t} o
      WHERE e.${k} IS NULL AND ST_DWithin(o.geom::geography, p.g::geography, ${metres})
      ORDER BY d LIMIT 1
    ) near ON true
    ORDER BY p.n`);
}

const cols = (prefix: string, columns: readonly string[]) =>
  sql.join(
    columns.map((c) => sql`${sql.identifier(prefix)}.${sql.identifier(c)}`),
    sql`, `,
  );
const names = (columns: readonly string[]) =>
  sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
const recordset = (table: string, rows: readonly Record<string, unknown>[]) =>
  sql`jsonb_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::jsonb)`;

/**
 * Codes of `rows` whose existing row already holds the same values: a point within 5 cm, a
 * polygon equal on a 1e-7° (~1 cm) grid.
 */
export async function unchangedCodes(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  options: { code?: string; area?: boolean } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const code = sql.identifier(options.code ?? 'code');
  // `synthetic` says where a row came from, not what it holds: a file matching a demo row leaves it alone.
  const plain = columns.filter((c) => c !== 'geom' && c !== 'synthetic');
  const sameGeom = options.area
    ? sql`ST_Equals(ST_SnapToGrid(t.geom, 1e-7), ST_SnapToGrid(r.geom, 1e-7))`
    : sql`ST_DWithin(t.geom::geography, r.geom::geography, 0.05)`;
  const found = await db.rows<{ code: string }>(sql`
    SELECT r.${code} AS code FROM ${recordset(table, rows)} r JOIN ${sql.identifier(table)} t ON t.${code} = r.${code}
    WHERE (${cols('t', plain)}) IS NOT DISTINCT FROM (${cols('r', plain)}) AND ${sameGeom}`);
  return found.map((r) => r.code);
}

/** Blocks other writers of the table until the transaction ends (readers go on). */
export async function lockImportTable(db: Db, table: string): Promise<void> {
  await db.rows(sql`LOCK TABLE ${sql.identifier(table)} IN SHARE ROW EXCLUSIVE MODE`);
}

/** The fingerprint of a row as stored: every column, geometry (when the table has one; empty when null) as its exact bytes. */
export const fingerprint = (alias: string, geom: boolean) =>
  geom
    ? sql`md5((to_jsonb(${sql.identifier(alias)}) - 'geom')::text || coalesce(encode(ST_AsEWKB(${sql.identifier(alias)}.geom), 'hex'), ''))`
    : sql`md5(to_jsonb(${sql.identifier(alias)})::text)`;
export const snapshot = (alias: string, geom: boolean) =>
  geom
    ? sql`(to_jsonb(${sql.identifier(alias)}) - 'geom') || jsonb_build_object('geom', encode(ST_AsEWKB(${sql.identifier(alias)}.geom), 'hex'))`
    : sql`to_jsonb(${sql.identifier(alias)})`;

/** The table's columns in order (undo restores every one but id and the row version). */
export async function tableColumns(db: Db, table: string): Promise<string[]> {
  const rows = await db.rows<{ c: string }>(sql`SELECT column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`);
  return rows.map((r) => r.c);
}

export interface ImportRecord {
  adcode: string;
  layer: string;
  fileName: string;
  sha256: string;
  format: string;
  encoding: string | null;
  crsDetected: string | null;
  crsChosen: string | null;
  evidence: unknown;
  mapping: unknown;
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  actor: string | null;
  role: string | null;
  township: string | null;
}

export async function insertImportRecord(db: Db, r: ImportRecord): Promise<number> {
  const row = await db.one<{ id: number }>(sql`INSERT INTO imports (adcode, layer, file_name, sha256, format, encoding,
      crs_detected, crs_chosen, evidence, mapping, rows_read, rows_valid, rows_invalid, inserted, updated, unchanged,
      actor, role, township)
    VALUES (${r.adcode}, ${r.layer}, ${r.fileName}, ${r.sha256}, ${r.format}, ${r.encoding}, ${r.crsDetected},
      ${r.crsChosen}, ${JSON.stringify(r.evidence)}::jsonb, ${JSON.stringify(r.mapping)}::jsonb, ${r.rowsRead},
      ${r.rowsValid}, ${r.rowsInvalid}, ${r.inserted}, ${r.updated}, ${r.unchanged}, ${r.actor}, ${r.role}, ${r.township})
    RETURNING id`);
  return row.id;
}

/**
 * Updates the rows of the same code and records, per row, its snapshot before and the fingerprint
 * of the row as updated (after any trigger), in one statement: every part of it sees the table as
 * it was, so `b` holds the rows before. Returns the ids.
 */
export async function updateImportRows(
  db: Db,
  importId: number,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  geom: boolean,
  keys: RowKeys = ID_KEYS,
): Promise<(number | string)[]> {
  if (rows.length === 0) return [];
  const t = sql.identifier(table);
  const k = sql.identifier(keys.key);
  const code = sql.identifier(keys.code);
  const updated = await db.rows<{ id: number | string }>(sql`
    WITH b AS (
      SELECT t.${k} AS id, ${snapshot('t', geom)} AS before FROM ${t} t
      WHERE t.${code} IN (SELECT r.${code} FROM ${recordset(table, rows)} r)
    ), u AS (
      UPDATE ${t} AS t SET (${names(columns)}) = (${cols('r', columns)})
      FROM ${recordset(table, rows)} r WHERE t.${code} = r.${code} RETURNING t.*
    ), rec AS (
      INSERT INTO import_rows (import_id, table_name, row_id, action, before, after_md5)
      SELECT ${importId}, ${table}, u.${k}::text, 'update', b.before, ${fingerprint('u', geom)} FROM u JOIN b ON b.id = u.${k}
    )
    SELECT ${k} AS id FROM u ORDER BY ${k}`);
  return updated.map((u) => u.id);
}

/**
 * Inserts the rows and records each with the fingerprint of the row as stored, in one statement.
 * Returns the ids in input order (serial ids ascend with the insertion order).
 */
export async function insertImportRows(
  db: Db,
  importId: number,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  geom: boolean,
  key = 'id',
): Promise<number[]> {
  if (rows.length === 0) return [];
  const t = sql.identifier(table);
  const k = sql.identifier(key);
  // For a serial key the ids come back in input order (they ascend with the insertion order).
  const ids = await db.rows<{ id: number }>(sql`
    WITH ins AS (
      INSERT INTO ${t} (${names(columns)}) SELECT ${cols('r', columns)} FROM ${recordset(table, rows)} r RETURNING *
    ), rec AS (
      INSERT INTO import_rows (import_id, table_name, row_id, action, before, after_md5)
      SELECT ${importId}, ${table}, ins.${k}::text, 'insert', NULL, ${fingerprint('ins', geom)} FROM ins
    )
    SELECT ${k} AS id FROM ins ORDER BY ${k}`);
  return ids.map((r) => r.id);
}

export interface ImportRowState {
  rowId: string;
  /** 'delete': a row the import removed (the road network it replaced). */
  action: 'insert' | 'update' | 'delete';
  code: string | null;
  /** 'ok' when the row is as the import left it; else changed or deleted since. */
  state: 'ok' | 'changed' | 'deleted';
}

export async function importRowStates(
  db: Db,
  importId: number,
  table: string,
  columns: readonly string[],
  keys: RowKeys = ID_KEYS,
): Promise<ImportRowState[]> {
  const code = columns.includes(keys.code) ? sql`t.${sql.identifier(keys.code)}` : sql`NULL::text`;
  return db.rows<ImportRowState>(sql`
    SELECT ir.row_id AS "rowId", ir.action, ${code} AS code,
      CASE WHEN ir.action = 'delete' THEN CASE WHEN t.${sql.identifier(keys.key)} IS NULL THEN 'ok' ELSE 'changed' END
        WHEN t.${sql.identifier(keys.key)} IS NULL THEN 'deleted' WHEN ${fingerprint('t', columns.includes('geom'))} = ir.after_md5 THEN 'ok' ELSE 'changed' END AS state
    FROM import_rows ir LEFT JOIN ${sql.identifier(table)} t ON t.${sql.identifier(keys.key)}::text = ir.row_id
    WHERE ir.import_id = ${importId} AND ir.table_name = ${table}
    ORDER BY ir.row_id
    FOR UPDATE OF ir`);
}

/** Deletes the rows the import inserted, puts back every column of those it updated and inserts again those it deleted. */
export async function restoreImportRows(
  db: Db,
  importId: number,
  table: string,
  tableColumnNames: readonly string[],
  key = 'id',
): Promise<{ deleted: number; restored: number }> {
  const t = sql.identifier(table);
  const k = sql.identifier(key);
  const columns = tableColumnNames.filter((c) => c !== key && c !== 'version');
  const restored = await db.rows(sql`UPDATE ${t} AS t SET (${names(columns)}) = (
      SELECT ${cols('b', columns)} FROM jsonb_populate_record(null::${t}, ir.before) b)
    FROM import_rows ir
    WHERE ir.import_id = ${importId} AND ir.table_name = ${table} AND ir.action = 'update' AND t.${k}::text = ir.row_id
    RETURNING t.${k}`);
  const deleted = await db.rows(sql`DELETE FROM ${t} t USING import_rows ir
    WHERE ir.import_id = ${importId} AND ir.table_name = ${table} AND ir.action = 'insert' AND t.${k}::text = ir.row_id
    RETURNING t.${k}`);
  const all = tableColumnNames.filter((c) => c !== 'version');
  const back = await db.rows(sql`INSERT INTO ${t} (${names(all)})
    SELECT ${cols('b', all)} FROM import_rows ir, jsonb_populate_record(null::${t}, ir.before) b
    WHERE ir.import_id = ${importId} AND ir.table_name = ${table} AND ir.action = 'delete'
    ORDER BY ir.row_id RETURNING ${k}`);
  return { deleted: deleted.length, restored: restored.length + back.length };
}

export interface ImportListRow {
  id: number;
  adcode: string;
  layer: string;
  fileName: string;
  sha256: string;
  format: string;
  encoding: string | null;
  crsDetected: string | null;
  crsChosen: string | null;
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  actor: string | null;
  role: string | null;
  township: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

const LIST_COLUMNS = sql`id, adcode, layer, file_name AS "fileName", sha256, format, encoding,
  crs_detected AS "crsDetected", crs_chosen AS "crsChosen", rows_read AS "rowsRead", rows_valid AS "rowsValid",
  rows_invalid AS "rowsInvalid", inserted, updated, unchanged, actor, role, township,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(undone_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "undoneAt", undone_by AS "undoneBy"`;

/** Imports newest first; `actor` narrows to one user's. */
export async function listImports(db: Db, filter: { actor?: string; limit: number }): Promise<ImportListRow[]> {
  const where: SQL = filter.actor === undefined ? sql`true` : sql`actor = ${filter.actor}`;
  return db.rows(sql`SELECT ${LIST_COLUMNS} FROM imports WHERE ${where} ORDER BY id DESC LIMIT ${filter.limit}`);
}

export async function getImport(
  db: Db,
  id: number,
  lock = false,
): Promise<(ImportListRow & { evidence: unknown; mapping: unknown }) | undefined> {
  const [row] = await db.rows<ImportListRow & { evidence: unknown; mapping: unknown }>(
    sql`SELECT ${LIST_COLUMNS}, evidence, mapping FROM imports WHERE id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  return row;
}

export async function markImportUndone(db: Db, id: number, by: string | null): Promise<void> {
  await db.rows(sql`UPDATE imports SET undone_at = now(), undone_by = ${by} WHERE id = ${id}`);
}

/** Sites of the county by code: the record layers' reference. */
export async function sitesByCode(
  db: Db,
  adcode: string,
  codes: readonly string[],
): Promise<{ id: number; code: string; township: string }[]> {
  if (codes.length === 0) return [];
  return db.rows(sql`SELECT id, code, township_code AS township FROM sites
    WHERE adcode = ${adcode} AND code IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`);
}

/** The natural keys (as text) of `rows` that the table already holds. */
export async function existingNaturalKeys(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<Record<string, string>[]> {
  if (rows.length === 0) return [];
  const asText = sql.join(
    columns.map((c) => sql`t.${sql.identifier(c)}::text AS ${sql.identifier(c)}`),
    sql`, `,
  );
  // The keys compared as the text of their rows (NULL as empty, the same types on both sides): a
  // hash join, where IS NOT DISTINCT FROM on rows made a nested loop over the whole table.
  return db.rows(sql`SELECT DISTINCT ${asText} FROM ${sql.identifier(table)} t
    JOIN ${recordset(table, rows)} r ON ROW(${cols('t', columns)})::text = ROW(${cols('r', columns)})::text`);
}

/** Every row of a layer's table for an export: its columns as JSON (dates as text), its point, and for records the site's code. */
export async function layerExportRows(
  db: Db,
  table: string,
  options: { geom: boolean; siteRef: boolean; township?: string; county?: string; key?: string },
): Promise<{ r: Record<string, unknown>; lon: number | null; lat: number | null }[]> {
  const t = sql.identifier(table);
  const township = options.township === undefined ? sql`true` : sql`t.township_code = ${options.township}`;
  const where = options.county === undefined ? township : sql`${township} AND t.adcode = ${options.county}`;
  const row = options.siteRef
    ? sql`(to_jsonb(t) || jsonb_build_object('site_code', s.code))`
    : sql`(to_jsonb(t) - 'geom')`;
  const point = options.geom
    ? sql`ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat`
    : sql`NULL::float8 AS lon, NULL::float8 AS lat`;
  const join = options.siteRef ? sql`JOIN sites s ON s.id = t.site_id` : sql``;
  return db.rows(
    sql`SELECT ${row} AS r, ${point} FROM ${t} t ${join} WHERE ${where} ORDER BY t.${sql.identifier(options.key ?? 'id')}`,
  );
}
