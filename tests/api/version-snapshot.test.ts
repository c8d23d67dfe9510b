/**
 * A read request takes the tables' data versions in its session query (one round trip), and
 * its caches key on that snapshot exactly as on a lookup of their own: the same key, the same
 * freshness. A write drops the snapshot, and a handle other than the request's never uses it.
 * The caches' following of writes by other clients is tests/api/data-version.test.ts.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import {
  allTableVersions,
  type TableVersions,
  type VersionedTable,
  versionedTables,
} from '../../db/queries/data-version';
import { createApp } from '../../server/app';
import { dataVersion, dropVersionSnapshot, withVersionSnapshot } from '../../server/services/data-version';
import { signedIn } from '../helpers/sign-in';
import { openTestDb } from '../helpers/test-db';

const ALL: VersionedTable[] = [...versionedTables];

/** The same database, counting the statements sent through rows() and one(). */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const counted: Db = {
    ...db,
    rows: (query) => {
      n++;
      return db.rows(query);
    },
    one: (query, what) => {
      n++;
      return db.one(query, what);
    },
  };
  return { db: counted, count: () => n };
}

describe('a read request’s version snapshot', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  const snapshot = async () => (await db.one<{ v: TableVersions }>(sql`SELECT ${allTableVersions} AS v`)).v;

  it('gives the key a lookup gives, for every table, all of them, and a set with repeats in any order', async () => {
    const versions = await snapshot();
    const sets: VersionedTable[][] = [
      ...ALL.map((t) => [t]),
      ALL,
      [...ALL].reverse(),
      ['sites', 'hazards', 'hazard_transitions', 'sites', 'counties'],
    ];
    for (const tables of sets) {
      const inSnapshot = await withVersionSnapshot(db, versions, () => dataVersion(db, tables));
      expect(inSnapshot, tables.join()).toBe(await dataVersion(db, tables));
      expect(inSnapshot).not.toBe('');
    }
    // a table with no version row is left out by both
    await db.rows(sql`DELETE FROM table_versions WHERE table_name = 'trainings'`);
    try {
      const without = await snapshot();
      expect(without.trainings).toBeUndefined();
      const tables: VersionedTable[] = ['trainings', 'units'];
      expect(await withVersionSnapshot(db, without, () => dataVersion(db, tables))).toBe(await dataVersion(db, tables));
      expect(await dataVersion(db, tables)).toMatch(/^units:\d+$/);
    } finally {
      await db.rows(
        sql`INSERT INTO table_versions (table_name, version) VALUES ('trainings', 1) ON CONFLICT DO NOTHING`,
      );
    }
  });

  it('is used only for its own handle, and not after a write drops it', async () => {
    const now = await snapshot();
    const stale = { ...now, units: String(Number(now.units) - 1) };
    const staleKey = `units:${stale.units}`;
    const freshKey = `units:${now.units}`;
    await withVersionSnapshot(db, stale, async () => {
      expect(await dataVersion(db, ['units'])).toBe(staleKey);
      // a transaction is another handle: it reads the versions itself
      expect(await db.transaction((tx) => dataVersion(tx, ['units']))).toBe(freshKey);
      dropVersionSnapshot();
      expect(await dataVersion(db, ['units'])).toBe(freshKey);
    });
    // outside any request there is no snapshot
    expect(await dataVersion(db, ['units'])).toBe(freshKey);
  });

  it('makes a cached layer read one statement, and a write by another client shows in the next read', async () => {
    const { db: counted, count } = counting(db);
    const app = await signedIn(createApp(counted), counted, 'brigade');
    const first = await app.request('/api/units');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    const before = count();
    const again = await app.request('/api/units');
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(etag);
    expect(count() - before, 'statements for a cached layer read: the session with the versions').toBe(1);

    const unit = await db.one<{ id: number; staff: number | null }>(
      sql`SELECT id, staff FROM units ORDER BY id LIMIT 1`,
    );
    try {
      await db.rows(sql`UPDATE units SET staff = coalesce(staff, 0) + 1 WHERE id = ${unit.id}`);
      const changed = await app.request('/api/units');
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
    } finally {
      await db.rows(sql`UPDATE units SET staff = ${unit.staff} WHERE id = ${unit.id}`);
    }
  });
});
