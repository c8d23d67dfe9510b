/**
 * The one API suite (STYLE.md §5): the same requests and assertions on every engine.
 * `tests/api/pglite.test.ts` runs it on PGlite, `tests/api/postgres.test.ts` on PostgreSQL.
 */
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, NoRowError } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient } from '../helpers/sign-in';

const XINAN = '411121104'; // 辛安镇

export function apiSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`API on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const fc = async (path: string) => {
      const { status, body } = await get(path);
      expect(status, `${path} → ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
      expect(body.type).toBe('FeatureCollection');
      return body as unknown as FeatureCollection;
    };

    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
    });
    afterAll(async () => {
      await db?.close();
    });

    it('reports engine, PostGIS version, dataset and counts', async () => {
      const { status, body } = await get('/api/health');
      expect(status).toBe(200);
      expect(body.engine).toBe(engine);
      expect(body.postgis).toMatch(/^3\.\d+/);
      expect(body.synthetic).toBe(true);
      expect(body.counts).toMatchObject({ counties: 5, townships: 14, villages: 398, sites: 15_500 });
    });

    it('serves every layer as a FeatureCollection with one feature per row', async () => {
      const { body } = await get('/api/health');
      const counts = body.counts as Record<string, number>;
      for (const layer of ['counties', 'townships', 'villages', 'roads', 'units', 'hydrants', 'sites'] as const) {
        const features = (await fc(`/api/${layer}`)).features;
        expect(features.length, layer).toBe(counts[layer]);
        expect(new Set(features.map((f) => f.properties?.id)).size, `${layer} ids unique`).toBe(features.length);
      }
      expect((await fc('/api/hazards')).features.length).toBe(counts.hazards);
    });

    it('returns the real townships with their codes and geometry', async () => {
      const townships = (await fc('/api/townships')).features;
      const xinan = townships.find((f) => f.properties?.code === XINAN);
      expect(xinan?.properties?.name).toBe('辛安镇');
      expect(xinan?.geometry.type).toBe('MultiPolygon');
      const total = townships.reduce((sum, f) => sum + (f.properties?.areaKm2 as number), 0);
      // The township cells tile the county outline (≈ 768.5 km², SOURCES.md).
      expect(total).toBeGreaterThan(760);
      expect(total).toBeLessThan(777);
    });

    it('has the units the 2023 report describes', async () => {
      const teams = (await fc('/api/units?kind=township_team')).features;
      expect(teams).toHaveLength(13);
      expect(teams.reduce((n, f) => n + (f.properties?.staff as number), 0)).toBe(40);
      const built = (await fc('/api/units?status=built')).features;
      expect(built.map((f) => f.properties?.name)).toEqual([expect.stringContaining('二中队')]);
      expect(built[0]?.properties?.kind).toBe('station');
    });

    it('filters by township equal to filtering the full layer', async () => {
      for (const layer of ['units', 'hydrants', 'sites', 'villages'] as const) {
        const all = (await fc(`/api/${layer}`)).features;
        const filtered = (await fc(`/api/${layer}?township=${XINAN}`)).features;
        const expected = all.filter((f) => f.properties?.townshipCode === XINAN).map((f) => f.properties?.id);
        expect(
          filtered.map((f) => f.properties?.id),
          layer,
        ).toEqual(expected);
        expect(filtered.length, `${layer} in 辛安镇`).toBeGreaterThan(0);
      }
    });

    it('filters by status, kind and category', async () => {
      const hydrants = (await fc('/api/hydrants')).features;
      const faulty = (await fc('/api/hydrants?status=faulty')).features;
      expect(faulty.length).toBe(hydrants.filter((f) => f.properties?.status === 'faulty').length);
      expect(faulty.length).toBeGreaterThan(0);
      const sites = (await fc('/api/sites')).features;
      const hazmat = (await fc('/api/sites?category=hazmat')).features;
      expect(hazmat.length).toBe(sites.filter((f) => f.properties?.category === 'hazmat').length);
      const micro = (await fc('/api/units?kind=micro_station')).features;
      expect(micro.every((f) => f.properties?.kind === 'micro_station')).toBe(true);
    });

    it('filters by bbox exactly like a point-in-box test on the stored coordinates', async () => {
      const [w, s, e, n] = [113.59, 33.42, 113.62, 33.45];
      // The answer rounds coordinates to 6 decimals, so the oracle reads the stored ones.
      const stored = await db.rows<{ id: number; x: number; y: number }>(
        sql`SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y FROM sites ORDER BY id`,
      );
      const expected = stored.filter(({ x, y }) => x >= w && x <= e && y >= s && y <= n).map((r) => r.id);
      const inBox = (await fc(`/api/sites?bbox=${[w, s, e, n].join(',')}`)).features;
      expect(inBox.map((f) => f.properties?.id)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(100);
    });

    it('returns one item by id, and 404 for an unknown one', async () => {
      const first = (await fc('/api/units')).features[0];
      const one = await get(`/api/units/${first?.properties?.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(first);
      expect((await get(`/api/townships/${XINAN}`)).body).toMatchObject({ properties: { name: '辛安镇' } });
      for (const path of ['/api/units/999999', '/api/sites/2147483647', '/api/townships/411121999']) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        expect(res.body).toMatchObject({ error: { code: 'not_found' } });
      }
    });

    it.each([
      ['wrong type', '/api/sites?limit=abc'],
      ['limit out of range', '/api/sites?limit=0'],
      ['unknown enum', '/api/hydrants?status=broken'],
      ['filter the layer lacks', '/api/townships?status=ok'],
      ['unknown parameter', '/api/units?colour=red'],
      ['malformed bbox', '/api/sites?bbox=1,2,3'],
      ['bbox out of range', '/api/sites?bbox=200,0,201,1'],
      ['bbox min above max', '/api/sites?bbox=113.7,33.5,113.6,33.4'],
      ['unknown township', '/api/sites?township=411121999'],
      ['malformed township', '/api/sites?township=xinan'],
      ['injection in township', `/api/sites?township=${encodeURIComponent("411121104' OR '1'='1")}`],
      ['injection in kind', `/api/units?kind=${encodeURIComponent('station; DROP TABLE units;--')}`],
      ['injection in id', `/api/units/${encodeURIComponent('1; DROP TABLE units')}`],
      ['negative id', '/api/hydrants/-1'],
      ['non-numeric id', '/api/sites/abc'],
    ])('rejects %s with 400 and the error shape', async (_, path) => {
      const { status, body } = await get(path);
      expect(status).toBe(400);
      expect(body).toEqual({
        error: { code: 'invalid_parameter', message: expect.any(String), details: expect.anything() },
      });
      expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
    });

    it('still has every row after the injection attempts', async () => {
      const { body } = await get('/api/health');
      expect(body.counts).toMatchObject({ units: expect.any(Number), sites: 15_500 });
      expect((await fc('/api/units')).features.length).toBe((body.counts as Record<string, number>).units);
    });

    it('gzips layer answers for clients that accept it, with the same content', async () => {
      const res = await app.request('/api/hydrants', { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const plain = await (await app.request('/api/hydrants')).text();
      const unzipped = new TextDecoder().decode(gunzipSync(new Uint8Array(await res.arrayBuffer())));
      expect(unzipped).toBe(plain);
    });

    it('gives the browser its configuration, with no Tianditu key unless one is set', async () => {
      expect((await get('/api/config')).body).toEqual({ tiandituTk: null });
      const configured = await (await signedIn(createApp(db, { tiandituTk: 'k123' }), db)).request('/api/config');
      expect(await configured.json()).toEqual({ tiandituTk: 'k123' });
    });

    it('answers unknown routes with 404 in the error shape', async () => {
      const { status, body } = await get('/api/nothing-here');
      expect(status).toBe(404);
      expect(body).toMatchObject({ error: { code: 'not_found' } });
    });

    it('treats "no row" from a failing PostGIS call as an error, never as an empty answer', async () => {
      // A bow-tie is invalid: GEOS fails to union it. PGlite 0.5.8 + pglite-postgis 0.2.8 then
      // returns zero rows and no error (DESIGN.md, Known pitfalls); PostgreSQL raises.
      const failing = sql`SELECT ST_AsText(ST_Union('POLYGON((0 0,1 1,1 0,0 1,0 0))'::geometry,
        'POLYGON((0 0,2 0,2 2,0 2,0 0))'::geometry)) AS u`;
      if (engine === 'pglite') {
        expect(await db.rows(failing)).toEqual([]);
        await expect(db.one(failing)).rejects.toBeInstanceOf(NoRowError);
      } else {
        const error = (await db.one(failing).catch((e: unknown) => e)) as Error & { cause?: Error };
        expect(error).toBeInstanceOf(Error);
        expect(error.cause?.message ?? error.message).toMatch(/TopologyException|GEOS|self-intersection/i);
      }
    });

    it('answers metre-distance filters from the GiST index', async () => {
      const plan = await db.rows<{ 'QUERY PLAN': unknown }>(sql`EXPLAIN (FORMAT JSON)
        SELECT id FROM sites
        WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(113.6047, 33.4381), 4326)::geography, 150)`);
      expect(JSON.stringify(plan)).toContain('sites_geog_gist');
    });
  });
}
