/**
 * Township boundary edits (issue 13): a township grown into its neighbour takes that area from it;
 * the townships stay a partition of the county — no overlap and no gap wider than 1 m, PostGIS on
 * PostgreSQL as the oracle (ST_Buffer(geography, −1 m) of the pairwise intersections and of the
 * county minus the union are empty) — and the sites' townships and the statistics follow. A gap,
 * a polygon outside the county, a stale version and a township user are refused, nothing written.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

type Json = Record<string, unknown>;

function suite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`township boundary edits on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    let saved: { code: string; geom: string; area: number }[] = [];
    const send = async (client: TestClient, path: string, body: unknown, version?: number) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (version !== undefined) headers['if-match'] = String(version);
      const res = await client.request(path, { method: 'PATCH', headers, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const versionOf = async (code: string) =>
      (await db.one<{ v: number }>(sql`SELECT version AS v FROM townships WHERE code = ${code}`)).v;
    const md5All = async () =>
      (await db.one<{ m: string }>(sql`SELECT md5(string_agg(ST_AsText(geom), ',' ORDER BY code)) AS m FROM townships`))
        .m;
    /** 辛安镇 plus a 400 m disc around a point of its border with its neighbour, and that neighbour. */
    const grown = async () =>
      db.one<{ neighbour: string; geom: string; area: string; sitesThere: number }>(sql`
        WITH a AS (SELECT geom FROM townships WHERE code = ${XINAN}),
        n AS (SELECT t.code, t.geom FROM townships t, a WHERE t.code <> ${XINAN} AND ST_Intersects(t.geom, a.geom)
              ORDER BY t.code LIMIT 1),
        p AS (SELECT ST_PointOnSurface(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(n.geom))) AS p FROM a, n),
        disc AS (SELECT ST_Buffer(p.p::geography, 400)::geometry AS d FROM p)
        SELECT n.code AS neighbour, ST_AsGeoJSON(ST_Union(a.geom, ST_Intersection(n.geom, disc.d)), 15) AS geom,
          ST_AsGeoJSON(disc.d, 15) AS area,
          (SELECT count(*)::int FROM sites s WHERE s.township_code = n.code AND ST_Covers(ST_Intersection(n.geom, disc.d), s.geom)) AS "sitesThere"
        FROM a, n, disc`);

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
      saved = await db.rows(sql`SELECT code, ST_AsText(geom) AS geom, area_km2 AS area FROM townships`);
    });
    afterAll(async () => {
      // put the boundaries (and the rows' townships) back as they were for the other files
      for (const t of saved) {
        await db.rows(
          sql`UPDATE townships SET geom = ST_GeomFromText(${t.geom}, 4326), area_km2 = ${t.area} WHERE code = ${t.code}`,
        );
      }
      for (const table of ['units', 'hydrants', 'sites', 'villages']) {
        await db.rows(sql`UPDATE ${sql.identifier(table)} x SET township_code = (SELECT t.code FROM townships t
          WHERE ST_Covers(t.geom, x.geom) ORDER BY t.code LIMIT 1) WHERE x.township_code IS NOT NULL`);
      }
      await db.rows(sql`UPDATE hazards h SET township_code = s.township_code FROM sites s WHERE s.id = h.site_id`);
      await db.rows(
        sql`UPDATE enforcement_actions h SET township_code = s.township_code FROM sites s WHERE s.id = h.site_id`,
      );
      await db?.close();
    });

    it('refuses a township user, a stale version, a gap and a polygon outside the county — nothing written', async () => {
      const g = await grown();
      const geom = JSON.parse(g.geom);
      const m0 = await md5All();
      const v = await versionOf(XINAN);
      expect((await send(township, `/api/townships/${XINAN}`, { geom }, v)).status).toBe(403);
      expect((await send(brigade, `/api/townships/${XINAN}`, { geom }, v + 7)).status).toBe(409);
      expect((await send(brigade, `/api/townships/${XINAN}`, { geom })).status).toBe(428);
      // shrunk by 300 m: a gap no one covers
      const shrunk = await db.one<{ g: string }>(sql`
        SELECT ST_AsGeoJSON(ST_Buffer(geom::geography, -300)::geometry, 9) AS g FROM townships WHERE code = ${XINAN}`);
      const gap = await send(brigade, `/api/townships/${XINAN}`, { geom: JSON.parse(shrunk.g) }, v);
      expect(gap.status).toBe(422);
      const far = {
        type: 'Polygon',
        coordinates: [
          [
            [100, 20],
            [100.1, 20],
            [100.1, 20.1],
            [100, 20],
          ],
        ],
      };
      expect((await send(brigade, `/api/townships/${XINAN}`, { geom: far }, v)).status).toBe(422);
      expect(
        (await send(brigade, `/api/townships/${XINAN}`, { geom: { type: 'Polygon', coordinates: [[[1, 1]]] } }, v))
          .status,
      ).toBe(400);
      expect(await md5All()).toBe(m0);
      expect(await versionOf(XINAN)).toBe(v);
    });

    it('growing into the neighbour takes the area from it; sites and statistics follow', async () => {
      const g = await grown();
      const before = await db.rows<{ code: string; n: number }>(
        sql`SELECT township_code AS code, count(*)::int AS n FROM sites WHERE township_code IN (${XINAN}, ${g.neighbour}) GROUP BY 1 ORDER BY 1`,
      );
      const v = await versionOf(XINAN);
      const res = await send(brigade, `/api/townships/${XINAN}`, { geom: JSON.parse(g.geom) }, v);
      expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
      expect(res.body.version).toBe(v + 1);
      expect((res.body.neighbours as { code: string }[]).map((n) => n.code)).toContain(g.neighbour);
      const after = await db.rows<{ code: string; n: number }>(
        sql`SELECT township_code AS code, count(*)::int AS n FROM sites WHERE township_code IN (${XINAN}, ${g.neighbour}) GROUP BY 1 ORDER BY 1`,
      );
      const count = (rows: { code: string; n: number }[], code: string) => rows.find((r) => r.code === code)?.n ?? 0;
      expect(count(after, XINAN)).toBe(count(before, XINAN) + g.sitesThere);
      expect(count(after, g.neighbour)).toBe(count(before, g.neighbour) - g.sitesThere);
      // every site's township is the polygon that holds it
      const wrong = await db.one<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM sites s WHERE s.township_code IN (${XINAN}, ${g.neighbour})
          AND NOT ST_Covers((SELECT geom FROM townships WHERE code = s.township_code), s.geom)`);
      expect(wrong.n).toBe(0);
      const stats = await brigade.request('/api/stats/townships?from=2023-01-01&to=2023-07-24&metric=found');
      const body = (await stats.json()) as { townships: { code: string; sites: number }[] };
      const xinan = body.townships.find((t) => t.code === XINAN) as { sites: number } | undefined;
      if (xinan && 'sites' in xinan) expect(xinan.sites).toBe(count(after, XINAN));
    });

    it('mode add: a drawn area joins the township, taken from the neighbour', async () => {
      const g = await grown();
      const n0 = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM sites WHERE township_code = ${XINAN}`))
        .n;
      const res = await send(
        brigade,
        `/api/townships/${XINAN}`,
        { mode: 'add', geom: JSON.parse(g.area) },
        await versionOf(XINAN),
      );
      expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
      const n1 = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM sites WHERE township_code = ${XINAN}`))
        .n;
      expect(n1).toBe(n0 + g.sitesThere);
    });

    if (engine === 'postgres') {
      it('the townships are still a partition of the county (PostGIS: no overlap, no gap beyond 1 m)', async () => {
        const overlaps = await db.one<{ n: number }>(sql`
          SELECT count(*)::int AS n FROM townships a JOIN townships b ON a.code < b.code AND a.adcode = b.adcode
          WHERE ST_Intersects(a.geom, b.geom)
            AND NOT ST_IsEmpty(ST_Buffer(ST_Intersection(a.geom, b.geom)::geography, -1)::geometry)`);
        expect(overlaps.n).toBe(0);
        const gap = await db.one<{ empty: boolean }>(sql`
          SELECT ST_IsEmpty(ST_Buffer(ST_Difference(c.geom, (SELECT ST_Union(t.geom) FROM townships t WHERE t.adcode = c.adcode))::geography, -1)::geometry) AS empty
          FROM counties c WHERE c.focus`);
        expect(gap.empty).toBe(true);
        // the changed townships' areas are their polygons' (the others keep the seeded figure)
        const areas = await db.one<{ d: number }>(sql`
          SELECT max(abs(area_km2 - ST_Area(geom::geography) / 1e6)) AS d FROM townships
          WHERE version > (SELECT min(version) FROM townships)`);
        expect(areas.d).toBeLessThan(1e-6);
      });
    }
  });
}

suite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL', Boolean(process.env.TEST_DATABASE_URL)))('PostgreSQL', () =>
  suite('postgres', openPostgresTestDb),
);
