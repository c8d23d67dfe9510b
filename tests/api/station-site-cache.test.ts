/**
 * The per-site table from the cached evaluation: for every sort, a page served from the held
 * evaluation equals the same page computed cold (network and evaluations dropped), pages tile
 * the whole sorted table, and a change to a unit's turnout (plain SQL, any writer) gives a new
 * answer equal to its own cold computation.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { siteSortKeys } from '../../server/schemas/coverage-stations';
import { dropStationNetwork } from '../../server/services/station-network';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

type Page = { total: number; rows: { siteId: number; firstEtaS: number | null; firstUnitId: unknown }[] };

function siteCacheSuite(engine: string, open: () => Promise<Db>) {
  describe(`site table from the cached evaluation on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    const page = async (query: string): Promise<Page> => {
      const res = await app.request(`/api/coverage/stations/sites?scope=all&${query}`);
      const body = (await res.json()) as Page;
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(200);
      return body;
    };

    /** Every row of a sort, page by page (1,000 is the page limit). */
    const all = async (query: string) => {
      const rows: Page['rows'] = [];
      let total = 1;
      for (let offset = 0; offset < total; offset += 1000) {
        const p = await page(`${query}&offset=${offset}&limit=1000`);
        total = p.total;
        rows.push(...p.rows);
      }
      return rows;
    };

    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
    });
    afterAll(async () => {
      await db?.close();
    });

    it('serves every sort’s pages equal to a cold computation, and pages tile the table', async () => {
      for (const sort of siteSortKeys) {
        for (const dir of ['asc', 'desc'] as const) {
          const q = `sort=${sort}&dir=${dir}&offset=200&limit=100`;
          await page(q); // warm
          const warm = await page(q);
          dropStationNetwork(db);
          const cold = await page(q);
          expect(warm, `${sort} ${dir}`).toEqual(cold);
        }
      }
      const warm = await all('sort=name&dir=asc');
      const total = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM sites`)).n;
      expect(warm.length).toBe(total);
      expect(new Set(warm.map((r) => r.siteId)).size).toBe(total);
      dropStationNetwork(db);
      expect(await all('sort=name&dir=asc')).toEqual(warm);
    });

    it('follows a turnout changed with plain SQL', async () => {
      const q = 'sort=firstEta&dir=asc';
      const before = await all(q);
      const unit = await db.one<{ id: number; turnout: number }>(
        sql`SELECT id, turnout_s AS turnout FROM units WHERE status = 'in_service' ORDER BY id LIMIT 1`,
      );
      try {
        await db.rows(sql`UPDATE units SET turnout_s = turnout_s + 120 WHERE id = ${unit.id}`);
        const after = await all(q);
        expect(after).not.toEqual(before);
        dropStationNetwork(db);
        expect(await all(q)).toEqual(after);
      } finally {
        await db.rows(sql`UPDATE units SET turnout_s = ${unit.turnout} WHERE id = ${unit.id}`);
      }
      expect(await all(q)).toEqual(before);
    });
  });
}

siteCacheSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'PostgreSQL + PostGIS',
  () => {
    siteCacheSuite('postgres', openPostgresTestDb);
  },
);
