/**
 * Caches follow the data, whoever writes it: rows carry a version the database bumps on every
 * UPDATE, tables a version bumped by statement triggers, and the analyses' caches key on them.
 * A write made outside the API (raw SQL, as QGIS or psql would) shows in the next answer; on
 * PostgreSQL a second handle — a second server process with its own caches — sees a write made
 * through the first one's API.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/client';
import { createApp } from '../../server/app';
import { dataVersion } from '../../server/services/data-version';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openTestDb, requirePart } from '../helpers/test-db';

type Json = Record<string, unknown>;
const RADIUS = 150;
const MARK = 'HY-DATA-VERSION-TEST';

interface Uncovered {
  id: number;
}

async function get(client: TestClient, path: string): Promise<Json> {
  const res = await client.request(path);
  const body = (await res.json()) as Json;
  expect(res.status, `${path} → ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
  return body;
}

const coverage = async (client: TestClient) => {
  const body = await get(client, `/api/coverage/hydrants?limit=100000`);
  return {
    covered: (body.summary as { covered: number }).covered,
    uncovered: (body.uncovered as Uncovered[]).map((u) => u.id),
  };
};

const highRiskSites = async (client: TestClient) => {
  const body = await get(client, '/api/coverage/stations');
  return {
    n: (body.summary as { highRisk: { highRiskSites: number } }).highRisk.highRiskSites,
    graphCached: (body.timing as { graphCached: boolean }).graphCached,
  };
};

/** Uncovered sites within RADIUS of a point, by PostGIS on the ellipsoid (the oracle). */
const uncoveredNear = (db: Db, ids: number[], lon: number, lat: number) =>
  db.one<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM sites s
    WHERE s.id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})
      AND ST_DWithin(s.geom::geography, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography, ${RADIUS})`);

/**
 * `reader` answers from its caches; `writer` changes the data underneath with plain SQL. With one
 * handle both are the same; with two they are two processes' pools on one PostgreSQL.
 */
function followsSuite(engine: string, openReader: () => Promise<Db>, openWriter: (reader: Db) => Promise<Db>) {
  describe(`caches follow writes on ${engine}`, () => {
    let reader: Db;
    let writer: Db;
    let app: TestClient;

    beforeAll(async () => {
      reader = await openReader();
      writer = await openWriter(reader);
      app = await signedIn(createApp(reader), reader, 'brigade');
    });
    afterAll(async () => {
      await writer?.rows(sql`DELETE FROM hydrants WHERE code = ${MARK}`);
      if (writer !== reader) await writer?.close();
      await reader?.close();
    });

    it('a row UPDATE adds one to its version, and to its table version', async () => {
      const before = await writer.one<{ id: number; version: number }>(
        sql`SELECT id, version FROM units ORDER BY id LIMIT 1`,
      );
      const tv0 = await dataVersion(reader, ['units']);
      await writer.rows(sql`UPDATE units SET staff = staff WHERE id = ${before.id}`);
      const after = await writer.one<{ version: number }>(sql`SELECT version FROM units WHERE id = ${before.id}`);
      expect(after.version).toBe(before.version + 1);
      const tv1 = await dataVersion(reader, ['units']);
      expect(tv1).not.toBe(tv0);
      expect(Number(tv1.split(':')[1])).toBe(Number(tv0.split(':')[1]) + 1);
      // A table no one wrote keeps its version.
      expect(await dataVersion(reader, ['parks'])).toBe(await dataVersion(reader, ['parks']));
    });

    it('hydrant coverage follows a hydrant inserted and deleted with plain SQL', async () => {
      const base = await coverage(app);
      const target = base.uncovered[0] as number;
      const site = await writer.one<{ lon: number; lat: number; adcode: string; township: string }>(
        sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, adcode, township_code AS township FROM sites WHERE id = ${target}`,
      );
      const gained = (await uncoveredNear(writer, base.uncovered, site.lon, site.lat)).n;
      expect(gained).toBeGreaterThan(0);
      await writer.rows(sql`
        INSERT INTO hydrants (adcode, township_code, code, kind, status, synthetic, geom)
        VALUES (${site.adcode}, ${site.township}, ${MARK}, 'municipal', 'ok', false,
          ST_SetSRID(ST_MakePoint(${site.lon}, ${site.lat}), 4326))`);
      const withIt = await coverage(app);
      expect(withIt.covered).toBe(base.covered + gained);
      expect(withIt.uncovered).not.toContain(target);
      await writer.rows(sql`DELETE FROM hydrants WHERE code = ${MARK}`);
      expect(await coverage(app)).toEqual(base);
    });

    it('station coverage rebuilds its network when a site changes with plain SQL', async () => {
      await highRiskSites(app); // warm
      const warm = await highRiskSites(app);
      expect(warm.graphCached).toBe(true);
      const site = await writer.one<{ id: number; risk: number }>(
        sql`SELECT id, risk_level AS risk FROM sites WHERE risk_level < 3 ORDER BY id LIMIT 1`,
      );
      try {
        await writer.rows(sql`UPDATE sites SET risk_level = 4 WHERE id = ${site.id}`);
        const after = await highRiskSites(app);
        expect(after.graphCached).toBe(false);
        expect(after.n).toBe(warm.n + 1);
      } finally {
        await writer.rows(sql`UPDATE sites SET risk_level = ${site.risk} WHERE id = ${site.id}`);
      }
      expect((await highRiskSites(app)).n).toBe(warm.n);
    });
  });
}

followsSuite('pglite (one handle, raw SQL beside the API)', openTestDb, async (reader) => reader);

const url = process.env.TEST_DATABASE_URL;
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(url)))('PostgreSQL', () => {
  followsSuite(
    'postgres (two handles: another process writes)',
    () => openDb({ databaseUrl: url as string }),
    () => openDb({ databaseUrl: url as string }),
  );

  it('two processes agree after a write through either one’s API', async () => {
    const a = await openDb({ databaseUrl: url as string });
    const b = await openDb({ databaseUrl: url as string });
    const q = '/api/coverage/hydrants?statuses=ok,planned&limit=100000';
    const planned = async (client: TestClient) => {
      const body = await get(client, q);
      return {
        covered: (body.summary as { covered: number }).covered,
        uncovered: (body.uncovered as Uncovered[]).map((u) => u.id),
      };
    };
    let inserted: number | undefined;
    try {
      const appA = await signedIn(createApp(a), a, 'brigade');
      const appB = await signedIn(createApp(b), b, 'brigade');
      const base = await planned(appA); // A's index for this filter is now cached
      expect(await planned(appB)).toEqual(base);
      const site = await a.one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sites WHERE id = ${base.uncovered[0] as number}`,
      );
      const gained = (await uncoveredNear(a, base.uncovered, site.lon, site.lat)).n;
      // Accept a proposal through B (the audited write path) at that uncovered site.
      const res = await appB.request('/api/plan/hydrants/accept', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ proposals: [site] }),
      });
      const out = (await res.json()) as { inserted: { id: number }[] };
      expect(res.status, JSON.stringify(out).slice(0, 200)).toBe(201);
      inserted = out.inserted[0]?.id;
      const seenByA = await planned(appA);
      expect(seenByA.covered).toBe(base.covered + gained);
      expect(await planned(appB)).toEqual(seenByA);
      const layerA = (await get(appA, `/api/hydrants/${inserted}`)) as { properties: Json };
      expect(layerA.properties.status).toBe('planned');
      // And back, deleted through A with plain SQL: B follows.
      await a.rows(sql`DELETE FROM hydrants WHERE id = ${inserted ?? -1}`);
      inserted = undefined;
      expect(await planned(appB)).toEqual(base);
    } finally {
      if (inserted !== undefined) await a.rows(sql`DELETE FROM hydrants WHERE id = ${inserted}`);
      await a.close();
      await b.close();
    }
  });
});
