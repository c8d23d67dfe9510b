/**
 * Loads a county dataset (real boundaries + generated demo assets) into the database in
 * one transaction: a failure leaves the database as it was. Idempotent: a county that is
 * already loaded is left alone unless `reset` is asked.
 */
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { DemoCountyData } from '../data/synthetic/types';
import type { Db } from './client';
import * as s from './schema';
import * as n from './schema-notices';
import * as w from './schema-township-work';

/** Rows per INSERT: stays well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 1000;

async function insertChunked(db: Db, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // biome-ignore lint/suspicious/noExplicitAny: rows are typed by DemoCountyData; drizzle's insert generic is per table.
    await db.orm.insert(table).values(rows.slice(i, i + CHUNK) as any);
  }
}

/** Each table with its rows, in dependency order (parents first). */
function tablesWithRows(data: DemoCountyData): [PgTable, Record<string, unknown>[]][] {
  return [
    [s.datasets, [data.dataset]],
    [s.counties, data.counties],
    [s.townships, data.townships],
    [s.villages, data.villages],
    [s.roadClasses, data.roadClasses],
    [s.roads, data.roads],
    [s.parks, data.parks],
    [s.pois, data.pois],
    [s.units, data.units],
    [s.hydrants, data.hydrants],
    [s.sites, data.sites],
    [s.hazards, data.hazards],
    [s.hazardTransitions, data.hazardTransitions],
    [s.enforcementActions, data.enforcementActions],
    [w.patrols, data.patrols],
    [w.trainings, data.trainings],
    [w.villageVisits, data.villageVisits],
    [n.notices, data.notices],
    [n.noticeHazards, data.noticeHazards],
  ];
}

export async function isLoaded(db: Db, adcode: string): Promise<boolean> {
  const rows = await db.rows(sql`SELECT 1 FROM datasets WHERE adcode = ${adcode}`);
  return rows.length > 0;
}

export async function clearAll(db: Db): Promise<void> {
  const tables = (Object.values(s) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const names = tables.map((t) => sql.identifier(getTableName(t)));
  await db.rows(sql`TRUNCATE ${sql.join(names, sql`, `)} RESTART IDENTITY CASCADE`);
}

export async function seedCounty(db: Db, data: DemoCountyData): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [table, rows] of tablesWithRows(data)) await insertChunked(tx, table, rows);
    // Sites, hazards and notices arrive with explicit ids: move their sequences past them.
    await tx.rows(sql`SELECT setval(pg_get_serial_sequence('sites', 'id'), (SELECT coalesce(max(id), 1) FROM sites))`);
    await tx.rows(
      sql`SELECT setval(pg_get_serial_sequence('hazards', 'id'), (SELECT coalesce(max(id), 1) FROM hazards))`,
    );
    await tx.rows(
      sql`SELECT setval(pg_get_serial_sequence('notices', 'id'), (SELECT coalesce(max(id), 1) FROM notices))`,
    );
  });
}
