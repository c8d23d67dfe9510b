/**
 * The brigade's own data in (issue 12): one row per committed import (who, when, which file,
 * which coordinate system, what it changed) and, per changed row, what undo needs — the row
 * before (null for an inserted row) and the fingerprint of the row as the import left it, so an
 * undo can tell whether a later change touched it.
 */
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const imports = pgTable(
  'imports',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    /** The layer id of server/import/layers (hydrants, units, sites …). */
    layer: text('layer').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    format: text('format').notNull(),
    /** The text encoding a CSV was read in (utf-8, gb18030 …); null for other formats. */
    encoding: text('encoding'),
    /** What `crs=auto` found (null when the user chose and no detection ran, or it was uncertain). */
    crsDetected: text('crs_detected'),
    /** The system the points were converted from; null for record layers (no coordinates). */
    crsChosen: text('crs_chosen'),
    /** The detection's evidence: median distance to the nearest road per candidate, points used. */
    evidence: jsonb('evidence'),
    mapping: jsonb('mapping').notNull(),
    rowsRead: integer('rows_read').notNull(),
    rowsValid: integer('rows_valid').notNull(),
    rowsInvalid: integer('rows_invalid').notNull(),
    inserted: integer('inserted').notNull(),
    updated: integer('updated').notNull(),
    unchanged: integer('unchanged').notNull(),
    actor: text('actor'),
    role: text('role'),
    township: text('township'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true, mode: 'date' }),
    undoneBy: text('undone_by'),
  },
  (t) => [index('imports_created').on(t.createdAt)],
);

/** Each row an import inserted or updated: enough to restore it exactly. */
export const importRows = pgTable(
  'import_rows',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id),
    tableName: text('table_name').notNull(),
    /** The row's primary key as text (an id, a township code, an adcode). */
    rowId: text('row_id').notNull(),
    /** 'insert' or 'update'. */
    action: text('action').notNull(),
    /** The whole row before the import (geometry as hex EWKB); null for an inserted row. */
    before: jsonb('before'),
    /** md5 of the row as the import left it: a different md5 at undo = changed since. */
    afterMd5: text('after_md5').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.tableName, t.rowId] })],
);
