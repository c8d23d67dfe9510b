/**
 * Roads as a layer of the import pipeline (issue 12 §1), both engines: a second county away from
 * Wuyang gets its boundary and a road grid through POST /api/import/:layer — the preview says what
 * the road import makes of the file, the commit writes the noded grid (its length against PostGIS),
 * undo takes it away; and Wuyang's network replaced by a small file then undone comes back byte
 * for byte (every road, ids and all). Township users may not replace a network.
 */
import { sql } from 'drizzle-orm';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { roadFile, uploadForm } from '../helpers/import-files';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in assertions
type Json = Record<string, any>;

const lines = roadFile;

function roadsSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`roads import layer on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;

    const post = async (client: TestClient, path: string, name: string, bytes: Uint8Array) => {
      const res = await client.request(path, { method: 'POST', body: uploadForm(name, bytes) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const undo = async (id: number) => {
      const res = await brigade.request(`/api/imports/${id}/undo`, { method: 'POST' });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const roadsMd5 = async (adcode: string) =>
      (
        await db.one<{ m: string | null }>(sql`SELECT md5(string_agg((to_jsonb(r) - 'geom')::text
          || encode(ST_AsEWKB(r.geom), 'hex'), '|' ORDER BY id)) AS m FROM roads r WHERE adcode = ${adcode}`)
      ).m;

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('gives a second county a road grid through the import and takes it away on undo', async () => {
      const [x0, y0] = [97.0, 35.0];
      const adcode = '639902';
      const county = strToU8(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { adcode, name: '测试路网县' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [x0, y0],
                    [x0 + 0.1, y0],
                    [x0 + 0.1, y0 + 0.1],
                    [x0, y0 + 0.1],
                    [x0, y0],
                  ],
                ],
              },
            },
          ],
        }),
      );
      const c = await post(brigade, '/api/import/counties?crs=wgs84', 'county.geojson', county);
      expect(c.status, JSON.stringify(c.body).slice(0, 300)).toBe(201);
      // A 3 × 3 grid of streets crossing inside the county, and one footway (dropped).
      const grid = [0.02, 0.05, 0.08].flatMap((d, i) => [
        {
          highway: 'primary',
          name: `东西${i}路`,
          coordinates: [
            [x0 + 0.01, y0 + d],
            [x0 + 0.09, y0 + d],
          ] as [number, number][],
        },
        {
          highway: 'secondary',
          name: `南北${i}路`,
          coordinates: [
            [x0 + d, y0 + 0.01],
            [x0 + d, y0 + 0.09],
          ] as [number, number][],
        },
      ]);
      const file = lines([
        ...grid,
        {
          highway: 'footway',
          name: '步道',
          coordinates: [
            [x0 + 0.03, y0 + 0.03],
            [x0 + 0.04, y0 + 0.04],
          ],
        },
      ]);
      const preview = await post(brigade, `/api/import/roads?dryRun=1&county=${adcode}`, 'grid.geojson', file);
      expect(preview.status, JSON.stringify(preview.body).slice(0, 300)).toBe(200);
      // Each street is cut at the three streets crossing it: 4 edges each.
      expect(preview.body).toMatchObject({
        layer: 'roads',
        insert: 24,
        rows: { read: 7, valid: 6 },
        roads: { replaced: 0 },
      });
      expect(preview.body.roads.summary.dropped).toMatchObject({ 'highway=footway': 1 });
      expect(await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM roads WHERE adcode = ${adcode}`)).toEqual({
        n: 0,
      });
      const denied = await post(township, `/api/import/roads?county=${adcode}`, 'grid.geojson', file);
      expect(denied.status).toBe(403);
      const commit = await post(brigade, `/api/import/roads?county=${adcode}`, 'grid.geojson', file);
      expect(commit.status, JSON.stringify(commit.body).slice(0, 300)).toBe(201);
      expect(commit.body).toMatchObject({ inserted: 24, replaced: 0 });
      const written = await db.one<{ n: number; km: number; oracle: number }>(sql`
        SELECT count(*)::int AS n, sum(length_m)::float8 / 1000 AS km,
          (SELECT sum(ST_Length(ST_MakeLine(ST_MakePoint((w->0->>0)::float8, (w->0->>1)::float8),
             ST_MakePoint((w->1->>0)::float8, (w->1->>1)::float8))::geography)) / 1000
           FROM jsonb_array_elements(${JSON.stringify(grid.map((g) => g.coordinates))}::jsonb) w)::float8 AS oracle
        FROM roads WHERE adcode = ${adcode}`);
      expect(written.n).toBe(24);
      expect(written.km).toBeCloseTo(written.oracle, 3);
      expect((await undo(commit.body.id)).status).toBe(200);
      expect((await undo(c.body.id)).status).toBe(200);
      const left = await db.one<{ n: number }>(sql`SELECT
        ((SELECT count(*) FROM roads WHERE adcode = ${adcode}) + (SELECT count(*) FROM counties WHERE adcode = ${adcode}))::int AS n`);
      expect(left.n).toBe(0);
    });

    it("replaces Wuyang's network with a small file and undo gives every road back", async () => {
      const before = await roadsMd5('411121');
      const layerBefore = await (await brigade.request('/api/roads')).text();
      const file = lines([
        {
          highway: 'primary',
          name: '测试路',
          coordinates: [
            [113.58, 33.43],
            [113.62, 33.44],
          ],
        },
      ]);
      const commit = await post(brigade, '/api/import/roads', 'one-road.geojson', file);
      expect(commit.status, JSON.stringify(commit.body).slice(0, 300)).toBe(201);
      expect(commit.body.inserted).toBe(1);
      expect(commit.body.replaced).toBeGreaterThan(100);
      expect(await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM roads WHERE adcode = '411121'`)).toEqual({
        n: 1,
      });
      const back = await undo(commit.body.id);
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      expect(back.body).toMatchObject({ deleted: 1, restored: commit.body.replaced });
      expect(await roadsMd5('411121')).toBe(before);
      expect(await (await brigade.request('/api/roads')).text()).toBe(layerBefore);
    });
  });
}

roadsSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => roadsSuite('postgres', openPostgresTestDb));
