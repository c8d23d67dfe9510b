/**
 * Loads a county dataset (real boundaries + generated demo assets) into the database in
 * one transaction: a failure leaves the database as it was. Idempotent: a county that is
 * already loaded is left alone unless `reset` is asked.
 */
import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DemoCountyData } from '../data/synthetic/types';
import type { Db } from './client';
import * as s from './schema';

/** Rows per INSERT: stays well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 1000;

async function insertChunked(db: Db, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // biome-ignore lint/suspicious/noExplicitAny: rows are typed by DemoCountyData; drizzle's insert generic is per table.
    await db.orm.insert(table).values(rows.slice(i, i + CHUNK) as any);
  }
}

/** Tables in dependency order (parents first). */
const tables = [
  s.datasets,
  s.counties,
  s.townships,
  s.villages,
  s.roadClasses,
  s.roads,
  s.parks,
  s.pois,
  s.units,
  s.hydrants,
  s.sites,
  s.hazards,
  s.hazardTransitions,
  s.enforcementActions,
  s.scenarios,
] as const;

export async function isLoaded(db: Db, adcode: string): Promise<boolean> {
  const rows = await db.rows(sql`SELECT 1 FROM datasets WHERE adcode = ${adcode}`);
  return rows.length > 0;
}

export async function clearAll(db: Db): Promise<void> {
  const names = tables.map((t) => sql.identifier(getTableName(t)));
  await db.rows(sql`TRUNCATE ${sql.join(names, sql`, `)} RESTART IDENTITY CASCADE`);
}

export async function seedCounty(db: Db, data: DemoCountyData): Promise<void> {
  await db.transaction(async (tx) => {
    await insertChunked(tx, s.datasets, [data.dataset]);
    await insertChunked(tx, s.counties, data.counties);
    await insertChunked(tx, s.townships, data.townships);
    await insertChunked(tx, s.villages, data.villages);
    await insertChunked(tx, s.roadClasses, data.roadClasses);
    await insertChunked(tx, s.roads, data.roads);
    await insertChunked(tx, s.parks, data.parks);
    await insertChunked(tx, s.pois, data.pois);
    await insertChunked(tx, s.units, data.units);
    await insertChunked(tx, s.hydrants, data.hydrants);
    await insertChunked(tx, s.sites, data.sites);
    await insertChunked(tx, s.hazards, data.hazards);
    await insertChunked(tx, s.hazardTransitions, data.hazardTransitions);
    await insertChunked(tx, s.enforcementActions, data.enforcementActions);
    // Sites and hazards arrive with explicit ids: move their sequences past them.
    await tx.rows(sql`SELECT setval(pg_get_serial_sequence('sites', 'id'), (SELECT coalesce(max(id), 1) FROM sites))`);
    await tx.rows(
      sql`SELECT setval(pg_get_serial_sequence('hazards', 'id'), (SELECT coalesce(max(id), 1) FROM hazards))`,
    );
  });
}
