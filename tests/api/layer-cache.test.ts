/**
 * Layer reads cached by data version: an ETag per answer, 304 for a matching If-None-Match, the
 * stored gzip for clients that take it; a write to the layer's tables (API or plain SQL) changes
 * the ETag and the body, a write elsewhere does not; a township user's scoped read is never
 * served from the brigade's wider answer.
 */
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { acceptsGzip, matchesEtag } from '../../server/http/cached-json';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const MARK = 'HY-LAYER-CACHE-TEST';

describe('ETag and Accept-Encoding parsing', () => {
  it('compares ETags weakly and reads q-values', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b", W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag('*', '"a"')).toBe(true);
    expect(matchesEtag(undefined, '"a"')).toBe(false);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1, gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

function layerCacheSuite(engine: string, open: () => Promise<Db>) {
  describe(`layer cache on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;

    const read = async (client: TestClient, path: string, headers: Record<string, string> = {}) => {
      const res = await client.request(path, { headers });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { res, bytes, etag: res.headers.get('etag') };
    };

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
    });
    afterAll(async () => {
      await db?.rows(sql`DELETE FROM hydrants WHERE code = ${MARK}`);
      await db?.close();
    });

    it('answers 304 to a matching If-None-Match and gzip to a client that takes it', async () => {
      const first = await read(brigade, '/api/hydrants');
      expect(first.res.status).toBe(200);
      expect(first.etag).toMatch(/^"[\w-]{27}"$/);
      expect(first.res.headers.get('cache-control')).toBe('private, no-cache');
      const text = new TextDecoder().decode(first.bytes);
      const n = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM hydrants`)).n;
      expect((JSON.parse(text) as FeatureCollection).features.length).toBe(n);

      const again = await read(brigade, '/api/hydrants', { 'if-none-match': first.etag as string });
      expect(again.res.status).toBe(304);
      expect(again.bytes.length).toBe(0);
      expect(again.etag).toBe(first.etag);

      const zipped = await read(brigade, '/api/hydrants', { 'accept-encoding': 'gzip, deflate' });
      expect(zipped.res.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.etag).toBe(first.etag);
      expect(new TextDecoder().decode(gunzipSync(zipped.bytes))).toBe(text);
      expect(zipped.bytes.length).toBeLessThan(first.bytes.length / 4);
    });

    it('a write to the layer changes its ETag and body; a write elsewhere does not', async () => {
      const before = await read(brigade, '/api/hydrants');
      const units = await read(brigade, '/api/units');
      const site = await db.one<{ lon: number; lat: number; adcode: string; township: string }>(
        sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, adcode, township_code AS township FROM sites ORDER BY id LIMIT 1`,
      );
      await db.rows(sql`
        INSERT INTO hydrants (adcode, township_code, code, kind, status, synthetic, geom)
        VALUES (${site.adcode}, ${site.township}, ${MARK}, 'municipal', 'ok', false,
          ST_SetSRID(ST_MakePoint(${site.lon}, ${site.lat}), 4326))`);
      const after = await read(brigade, '/api/hydrants', { 'if-none-match': before.etag as string });
      expect(after.res.status).toBe(200);
      expect(after.etag).not.toBe(before.etag);
      const codes = (JSON.parse(new TextDecoder().decode(after.bytes)) as FeatureCollection).features.map(
        (f) => f.properties?.code,
      );
      expect(codes).toContain(MARK);
      // The units layer's tables did not change: its ETag still matches.
      expect((await read(brigade, '/api/units', { 'if-none-match': units.etag as string })).res.status).toBe(304);

      await db.rows(sql`DELETE FROM hydrants WHERE code = ${MARK}`);
      const back = await read(brigade, '/api/hydrants');
      // The same content has the same validator again: the ETag is the text's hash.
      expect(back.etag).toBe(before.etag);
    });

    it('serves a township user its own township, never the brigade’s cached answer', async () => {
      const all = await read(brigade, '/api/hazards');
      const own = await read(township, '/api/hazards');
      expect(own.res.status).toBe(200);
      expect(own.etag).not.toBe(all.etag);
      const features = (JSON.parse(new TextDecoder().decode(own.bytes)) as FeatureCollection).features;
      expect(features.length).toBeGreaterThan(0);
      expect(features.every((f) => f.properties?.townshipCode === XINAN)).toBe(true);
      // Its ETag does not validate the brigade's copy.
      expect((await read(brigade, '/api/hazards', { 'if-none-match': own.etag as string })).res.status).toBe(200);
    });
  });
}

layerCacheSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'PostgreSQL + PostGIS',
  () => {
    layerCacheSuite('postgres', openPostgresTestDb);
  },
);
