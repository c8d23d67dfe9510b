/**
 * Hydrant planning API (issue 5) on both engines. Oracles: PostGIS geography (ST_DWithin for
 * coverage, KNN candidates then ST_Distance on the spheroid for the nearest hydrant), the
 * plain greedy for the lazy one, row counts before / after for writes.
 */
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import type { FeatureCollection, LineString } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { distanceMetres } from '../../server/analysis/metric';
import { createApp } from '../../server/app';
import { BUILT_UP_SEAT_RADIUS_M, hydrantIndexCached } from '../../server/services/hydrant-inputs';
import { planHydrantProposals } from '../../server/services/hydrant-plan';
import { clipToSeats, mergeStreets } from '../../server/services/hydrant-streets';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const XINAN = '411121104'; // 辛安镇
const RADIUS = 150;
/** Sites this close to the radius may fall either side between two correct geodesic codes. */
const BOUNDARY_M = 0.05;

type Json = Record<string, unknown>;

function suite(engine: string, open: () => Promise<Db>) {
  describe(`hydrant planning on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      });
      const text = await res.text();
      return { status: res.status, text, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json };
    };
    const hydrantCount = async () => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM hydrants`)).n;

    /** PostGIS: every site's nearest counted hydrant (KNN candidates, spheroid ST_Distance) and covered flag. */
    const postgisCoverage = async (statuses: string[], township?: string) => {
      const st = sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      );
      return db.rows<{ id: number; code: string | null; d: number | null; covered: boolean }>(sql`
        SELECT s.id, n.code, n.d,
          EXISTS (SELECT 1 FROM hydrants h WHERE h.status::text IN (${st}) AND h.kind = 'municipal'
                  AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS})) AS covered
        FROM sites s
        LEFT JOIN LATERAL (
          SELECT c.code, c.d FROM (
            SELECT h.code, ST_Distance(h.geom::geography, s.geom::geography) AS d
            FROM hydrants h WHERE h.status::text IN (${st}) AND h.kind = 'municipal'
            ORDER BY h.geom::geography <-> s.geom::geography LIMIT 8) c
          ORDER BY c.d, c.code LIMIT 1) n ON true
        ${township ? sql`WHERE s.township_code = ${township}` : sql``}
        ORDER BY s.id`);
    };

    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
    });
    afterAll(async () => {
      await db?.close();
    });

    it('uncovered sites and nearest distances equal PostGIS (ST_DWithin, KNN + ST_Distance)', async () => {
      const { status, body } = await call('GET', '/api/coverage/hydrants?limit=100000');
      expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
      const oracle = await postgisCoverage(['ok']);
      const summary = body.summary as { sites: number; covered: number; byCategory: Json[]; byTownship: Json[] };
      const uncovered = body.uncovered as { id: number; distanceM: number; nearestHydrant: { code: string } }[];
      expect(summary.sites).toBe(oracle.length);
      expect(body.uncoveredTotal).toBe(uncovered.length);
      const ours = new Map(uncovered.map((u) => [u.id, u]));
      const pgUncovered = oracle.filter((o) => !o.covered);
      // Any site classified differently must sit within BOUNDARY_M of the radius: GeographicLib
      // (PostGIS) and our chord formula agree to well under a millimetre, nothing else may differ.
      const disagree = oracle.filter((o) => ours.has(o.id) === o.covered);
      for (const o of disagree) expect(Math.abs((o.d as number) - RADIUS)).toBeLessThan(BOUNDARY_M);
      const flipped = disagree.filter((o) => o.covered).length - disagree.filter((o) => !o.covered).length;
      expect(uncovered.length).toBe(pgUncovered.length + flipped);
      expect(disagree.length).toBeLessThanOrEqual(1);
      expect(uncovered.length).toBeGreaterThan(1000);
      // Nearest hydrant and distance of every uncovered site.
      const byId = new Map(oracle.map((o) => [o.id, o]));
      for (const u of uncovered) {
        const o = byId.get(u.id);
        expect(Math.abs(u.distanceM - (o?.d as number)), `site ${u.id}`).toBeLessThan(1e-3);
        if (u.nearestHydrant.code !== o?.code) {
          // Only an exact tie may pick another hydrant.
          const alt = await db.one<{ d: number }>(
            sql`SELECT ST_Distance(h.geom::geography, s.geom::geography) AS d FROM hydrants h, sites s
                WHERE h.code = ${u.nearestHydrant.code} AND s.id = ${u.id}`,
          );
          expect(Math.abs(alt.d - (o?.d as number))).toBeLessThan(1e-3);
        }
      }
      // Ranked by risk, then distance.
      const risks = (body.uncovered as { riskLevel: number }[]).map((u) => u.riskLevel);
      expect(risks).toEqual([...risks].sort((a, b) => b - a));
      // Per-category coverage equals SQL grouping on the PostGIS flags.
      const cats = await db.rows<{ key: string; sites: number; covered: number }>(sql`
        SELECT s.category::text AS key, count(*)::int AS sites,
          count(*) FILTER (WHERE EXISTS (SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
            AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS})))::int AS covered
        FROM sites s GROUP BY 1 ORDER BY 1`);
      const tol = disagree.length;
      for (const c of cats) {
        const g = summary.byCategory.find((x) => x.key === c.key) as { sites: number; covered: number };
        expect(g.sites).toBe(c.sites);
        expect(Math.abs(g.covered - c.covered)).toBeLessThanOrEqual(tol);
      }
    });

    it('sites 1 mm and 20 cm either side of the radius: covered exactly as PostGIS ST_DWithin says', async () => {
      // The most isolated counted hydrant, and sites placed around it with ST_Project (geodesic).
      const h = await db.one<{ id: number; code: string; township: string; gap: number }>(sql`
        SELECT h.id, h.code, h.township_code AS township,
          (SELECT min(ST_Distance(o.geom::geography, h.geom::geography)) FROM hydrants o
            WHERE o.id <> h.id AND o.status = 'ok' AND o.kind = 'municipal') AS gap
        FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal' ORDER BY gap DESC, h.id LIMIT 1`);
      expect(h.gap).toBeGreaterThan(2 * RADIUS + 1);
      const offsets = [-0.2, -0.001, 0.001, 0.2];
      const inserted = await db.rows<{ id: number; offset: number }>(sql`
        INSERT INTO sites (adcode, township_code, code, name, category, risk_level, synthetic, geom)
        SELECT '411121', ${h.township}, 'SI-TEST-EDGE-' || k, '半径边界测试' || k, 'other', 4, true,
          ST_Project(h.geom::geography, ${RADIUS} + o, radians(37 + 90 * k))::geometry
        FROM hydrants h, unnest(${`{${offsets.join(',')}}`}::float8[]) WITH ORDINALITY AS u(o, k)
        WHERE h.id = ${h.id}
        RETURNING id, (ST_Distance(geom::geography, (SELECT geom FROM hydrants WHERE id = ${h.id})::geography) - ${RADIUS}) AS offset`);
      try {
        expect(inserted.length).toBe(4);
        const { body } = await call('GET', `/api/coverage/hydrants?township=${h.township}&limit=100000`);
        const uncovered = new Map(
          (body.uncovered as { id: number; distanceM: number; nearestHydrant: { code: string } }[]).map((u) => [
            u.id,
            u,
          ]),
        );
        const pg = await db.rows<{ id: number; covered: boolean }>(sql`
          SELECT s.id, ST_DWithin(s.geom::geography, h.geom::geography, ${RADIUS}) AS covered
          FROM sites s, hydrants h WHERE h.id = ${h.id} AND s.code LIKE 'SI-TEST-EDGE-%' ORDER BY s.id`);
        expect(pg.map((r) => r.covered)).toEqual([true, true, false, false]);
        for (const r of pg) expect(uncovered.has(r.id), `site ${r.id}`).toBe(!r.covered);
        for (const r of inserted.filter((i) => i.offset > 0)) {
          const u = uncovered.get(r.id);
          expect(u?.nearestHydrant.code).toBe(h.code);
          expect(Math.abs((u?.distanceM as number) - RADIUS - r.offset)).toBeLessThan(1e-6);
        }
      } finally {
        await db.rows(sql`DELETE FROM sites WHERE code LIKE 'SI-TEST-EDGE-%'`);
      }
    });

    it('with a township: its sites only, equal to PostGIS; unknown township → 400', async () => {
      const { status, body } = await call(
        'GET',
        `/api/coverage/hydrants?township=${XINAN}&statuses=ok,faulty&limit=100000`,
      );
      expect(status).toBe(200);
      const oracle = await postgisCoverage(['ok', 'faulty'], XINAN);
      const uncovered = body.uncovered as { id: number; township: string }[];
      expect(uncovered.every((u) => u.township === XINAN)).toBe(true);
      expect(uncovered.map((u) => u.id).sort((a, b) => a - b)).toEqual(
        oracle.filter((o) => !o.covered).map((o) => o.id),
      );
      const roads = body.roads as { byTownship: { township: string }[]; stretches: FeatureCollection };
      expect(roads.byTownship.map((t) => t.township)).toEqual([XINAN]);
      for (const bad of ['411121999', 'abc']) {
        const r = await call('GET', `/api/coverage/hydrants?township=${bad}`);
        expect(r.status).toBe(400);
      }
    });

    it('uncovered street stretches: PostGIS finds no hydrant within the radius inside them, one at their ends', async () => {
      const { body } = await call('GET', '/api/coverage/hydrants?limit=1');
      const roads = body.roads as {
        totals: { roadM: number; uncoveredM: number };
        stretches: FeatureCollection<LineString, { kind: string; lengthM: number; fromM: number }>;
      };
      const uncovered = roads.stretches.features.filter((f) => f.properties.kind === 'uncovered');
      expect(uncovered.length).toBeGreaterThan(10);
      const sum = uncovered.reduce((a, f) => a + f.properties.lengthM, 0);
      expect(Math.abs(sum - roads.totals.uncoveredM)).toBeLessThan(1e-6);
      const sample = uncovered.filter((f) => f.properties.lengthM > 5).slice(0, 60);
      const rows = await db.rows<{ k: number; inside: number; interior: number }>(sql`
        WITH s(k, g) AS (VALUES ${sql.join(
          sample.map((f, k) => sql`(${k}::int, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(f.geometry)}), 4326))`),
          sql`, `,
        )})
        SELECT s.k,
          (SELECT count(*)::int FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
             AND ST_DWithin(h.geom::geography, ST_LineInterpolatePoint(s.g, 0.5)::geography, ${RADIUS})) AS interior,
          (SELECT count(*)::int FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
             AND ST_DWithin(h.geom::geography, s.g::geography, ${RADIUS + 0.5})) AS inside
        FROM s ORDER BY s.k`);
      for (const [k, r] of rows.entries()) {
        expect(r.interior, `stretch ${k} midpoint`).toBe(0);
        // A stretch that does not start at a street end starts where a hydrant's radius ends.
        const f = sample[k];
        if (f && f.properties.fromM > 0.01) expect(r.inside, `stretch ${k} ends`).toBeGreaterThan(0);
      }
    });

    it('built-up street metres per township equal PostGIS (OSM roads + roads clipped to 700 m of a seat)', async () => {
      const { body } = await call('GET', '/api/coverage/hydrants?limit=1');
      const ours = (body.roads as { byTownship: { township: string; roadM: number }[] }).byTownship;
      const oracle = await db.rows<{ township: string; m: number; clipped: number }>(sql`
        WITH osm AS (
          SELECT (SELECT t.code FROM townships t WHERE ST_Covers(t.geom, ST_LineInterpolatePoint(r.geom, 0.5))
                  ORDER BY t.code LIMIT 1) AS township, ST_Length(r.geom::geography) AS m
          FROM roads r WHERE r.source = 'osm'),
        seat AS (
          SELECT t.code AS township,
            ST_Length(ST_Intersection(r.geom, ST_Buffer(t.seat::geography, ${BUILT_UP_SEAT_RADIUS_M}, 'quad_segs=64')::geometry)::geography) AS m
          FROM roads r JOIN townships t ON ST_DWithin(r.geom::geography, t.seat::geography, ${BUILT_UP_SEAT_RADIUS_M})
          WHERE r.source <> 'osm')
        SELECT coalesce(township, '') AS township, sum(m) AS m, count(*) FILTER (WHERE clipped)::int AS clipped
        FROM (SELECT *, false AS clipped FROM osm UNION ALL SELECT *, true FROM seat) u
        GROUP BY 1 ORDER BY 1`);
      expect(ours.map((t) => t.township)).toEqual(oracle.map((o) => o.township));
      for (const [k, o] of oracle.entries()) {
        // PostGIS buffers a geography in a transverse Mercator plane (scale 0.9996: 700 m comes out
        // 0.28 m short) as a 256-gon inscribed in the circle (≤ 5 cm short): its clip is shorter
        // than the true one by at most 0.33 m at each of the ≤ 2 crossings of a clipped road, never longer.
        const diff = (ours[k]?.roadM as number) - o.m;
        expect(diff, o.township).toBeGreaterThan(-0.01);
        expect(diff, o.township).toBeLessThan(0.01 + 2 * 0.33 * o.clipped);
      }
    });

    it('streets: edges of one name link end to end through degree-2 nodes only', () => {
      const a = [113.6, 33.5];
      const b = [113.601, 33.5];
      const c = [113.602, 33.5];
      const d = [113.601, 33.501];
      const e = [113.603, 33.5];
      const merged = mergeStreets([
        { name: 'x', township: 't', coordinates: [b, a] },
        { name: 'x', township: 't', coordinates: [b, c] },
        { name: 'y', township: 't', coordinates: [b, d] }, // another name: no effect on x
        { name: 'x', township: 'u', coordinates: [c, e] }, // another township
      ]);
      const x = merged.filter((m) => m.name === 'x' && m.township === 't');
      expect(x.map((m) => m.coordinates)).toEqual([[a, b, c]]);
      // A T of one name stops at the junction (three edges meet).
      const t = mergeStreets([
        { name: 'x', township: 't', coordinates: [a, b] },
        { name: 'x', township: 't', coordinates: [b, c] },
        { name: 'x', township: 't', coordinates: [b, d] },
      ]);
      expect(t.length).toBe(3);
      // A closed loop is one street.
      const loop = mergeStreets([
        { name: null, township: null, coordinates: [a, b] },
        { name: null, township: null, coordinates: [b, d] },
        { name: null, township: null, coordinates: [d, a] },
      ]);
      expect(loop.map((m) => m.coordinates)).toEqual([[a, b, d, a]]);
      // Clipping keeps the piece within the radius, on the ellipsoid.
      const [piece] = clipToSeats(
        { name: null, township: null, coordinates: [a, e] },
        [{ code: 's', lon: a[0] as number, lat: a[1] as number }],
        100,
      );
      const end = piece?.coordinates[piece.coordinates.length - 1] as number[];
      expect(
        Math.abs(
          distanceMetres(
            { lon: a[0] as number, lat: a[1] as number },
            { lon: end[0] as number, lat: end[1] as number },
          ) - 100,
        ),
      ).toBeLessThan(1e-6);
    });

    it('lazy greedy proposals equal plain greedy on the demo county', async () => {
      const base = { radius: RADIUS, statuses: ['ok'], kinds: ['municipal'], count: 30 };
      const lazy = await planHydrantProposals(db, base);
      const plain = await planHydrantProposals(db, { ...base, greedy: 'plain' });
      expect(lazy.proposals.length).toBe(30);
      expect(lazy.proposals).toEqual(plain.proposals);
      // Gains never grow with rank, and the after totals add up the gains.
      const gains = lazy.proposals.map((p) => p.gain.weighted);
      for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1] as number);
      const newly = lazy.proposals.reduce((a, p) => a + p.gain.sites, 0);
      expect(lazy.after.sitesCovered - lazy.before.sitesCovered).toBe(newly);
      // Every newly covered site is, per PostGIS, uncovered now and within the radius of its proposal.
      const first = lazy.proposals[0];
      expect(first).toBeDefined();
      if (!first) return;
      const ids = await db.rows<{ id: number }>(sql`
        SELECT s.id FROM sites s
        WHERE ST_DWithin(s.geom::geography, ST_SetSRID(ST_MakePoint(${first.lon}::float8, ${first.lat}::float8), 4326)::geography, ${RADIUS})
          AND NOT EXISTS (SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
            AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS}))
        ORDER BY s.id`);
      expect([...first.gain.siteIds].sort((a, b) => a - b)).toEqual(ids.map((r) => r.id));
    });

    it('plan through the API: township restriction, weights, GeoJSON', async () => {
      const { status, body } = await call('POST', '/api/plan/hydrants', {
        count: 5,
        township: XINAN,
        weights: { risk: [0, 0, 0, 1], perMetre: 0 },
      });
      expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
      const proposals = body.proposals as { township: string; gain: { sitesByCategory: Json; roadM: number } }[];
      expect(proposals.length).toBeGreaterThan(0);
      expect(proposals.every((p) => p.township === XINAN)).toBe(true);
      expect((body.geojson as FeatureCollection).features.length).toBe(proposals.length);
    });

    it('bad plan inputs → 4xx and nothing written', async () => {
      const before = await hydrantCount();
      const outside = {
        type: 'Polygon',
        coordinates: [
          [
            [100, 30],
            [100.1, 30],
            [100.1, 30.1],
            [100, 30],
          ],
        ],
      };
      const cases: [unknown, number][] = [
        [{ radius: -1 }, 400],
        [{ radius: 0 }, 400],
        [{ radius: 1001 }, 400],
        [{ count: 0 }, 400],
        [{ count: 10_000 }, 400],
        [{ count: 2.5 }, 400],
        [{ township: '411121999' }, 400],
        [{ area: outside }, 422],
        [{ area: { type: 'Polygon', coordinates: [[[113.6, 33.4]]] } }, 400],
        [{ weights: { risk: [1, 2] } }, 400],
        [{ bogus: 1 }, 400],
      ];
      for (const [input, code] of cases) {
        const r = await call('POST', '/api/plan/hydrants', input);
        expect(r.status, JSON.stringify(input)).toBe(code);
        expect((r.body.error as Json).code).toBeTypeOf('string');
      }
      expect((await call('GET', '/api/coverage/hydrants?radius=-5')).status).toBe(400);
      expect((await call('GET', '/api/coverage/hydrants?statuses=ok,broken')).status).toBe(400);
      expect(await hydrantCount()).toBe(before);
    });

    it('what-if: a hydrant added and one marked faulty change exactly what PostGIS says', async () => {
      // A hypothetical hydrant at the riskiest uncovered site.
      const cov = await call('GET', '/api/coverage/hydrants?limit=1');
      const top = (cov.body.uncovered as { id: number }[])[0] as { id: number };
      const at = await db.one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sites WHERE id = ${top.id}`,
      );
      const added = await call('POST', '/api/coverage/hydrants/what-if', { add: [[at.lon, at.lat]] });
      expect(added.status).toBe(200);
      const expectedNew = await db.rows<{ id: number }>(sql`
        SELECT s.id FROM sites s
        WHERE ST_DWithin(s.geom::geography, ST_SetSRID(ST_MakePoint(${at.lon}::float8, ${at.lat}::float8), 4326)::geography, ${RADIUS})
          AND NOT EXISTS (SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
            AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS}))
        ORDER BY s.id`);
      expect((added.body.newlyCovered as { id: number }[]).map((s) => s.id)).toEqual(expectedNew.map((r) => r.id));
      expect(added.body.delta).toBe(expectedNew.length);
      // Mark faulty a hydrant that covers at least one site alone: every such hydrant and its
      // sole-cover count come from PostGIS, so a data change cannot make the check vacuous.
      const soleCover = await db.rows<{ id: number; n: number }>(sql`
        SELECT f.id, count(*)::int AS n
        FROM hydrants f JOIN sites s ON ST_DWithin(f.geom::geography, s.geom::geography, ${RADIUS})
        WHERE f.status = 'ok' AND f.kind = 'municipal'
          AND NOT EXISTS (SELECT 1 FROM hydrants o WHERE o.status = 'ok' AND o.kind = 'municipal' AND o.id <> f.id
            AND ST_DWithin(o.geom::geography, s.geom::geography, ${RADIUS}))
        GROUP BY f.id HAVING count(*) >= 1
        ORDER BY f.id`);
      expect(soleCover.length, 'a hydrant that alone covers some site').toBeGreaterThan(0);
      const h = soleCover[0] as { id: number; n: number };
      expect(h.n).toBeGreaterThanOrEqual(1);
      const faulty = await call('POST', '/api/coverage/hydrants/what-if', { faulty: [h.id] });
      expect(faulty.status).toBe(200);
      const lost = await db.rows<{ id: number; category: string; risk: number }>(sql`
        SELECT s.id, s.category::text AS category, s.risk_level::int AS risk FROM sites s, hydrants f
        WHERE f.id = ${h.id} AND ST_DWithin(f.geom::geography, s.geom::geography, ${RADIUS})
          AND NOT EXISTS (SELECT 1 FROM hydrants o WHERE o.status = 'ok' AND o.kind = 'municipal' AND o.id <> f.id
            AND ST_DWithin(o.geom::geography, s.geom::geography, ${RADIUS}))
        ORDER BY s.id`);
      expect(lost.length).toBe(h.n);
      expect((faulty.body.newlyUncovered as { id: number }[]).map((s) => s.id)).toEqual(lost.map((r) => r.id));
      expect(faulty.body.delta).toBe(-lost.length);
      // Net change per category and risk level: minus the lost sites of each.
      const tally = (key: (r: (typeof lost)[number]) => string) => {
        const t: Record<string, number> = {};
        for (const r of lost) t[key(r)] = (t[key(r)] ?? 0) - 1;
        return t;
      };
      expect(faulty.body.deltaByCategory).toEqual(tally((r) => r.category));
      expect(faulty.body.deltaByRisk).toEqual(tally((r) => String(r.risk)));
      const unknown = await call('POST', '/api/coverage/hydrants/what-if', { faulty: [99_999_999] });
      expect(unknown.status).toBe(400);
    });

    it('uncovered.csv: UTF-8 BOM, Chinese headers, one row per uncovered site', async () => {
      const res = await app.request(`/api/coverage/hydrants/uncovered.csv?township=${XINAN}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      const lines = text.split('\r\n').filter((l) => l !== '');
      expect(lines[0]).toBe('序号,场所编号,场所名称,类别,风险等级,乡镇代码,乡镇,最近消火栓,距离(米)');
      const oracle = await postgisCoverage(['ok'], XINAN);
      expect(lines.length - 1).toBe(oracle.filter((o) => !o.covered).length);
      const xlsx = await app.request(`/api/coverage/hydrants/uncovered.xlsx?township=${XINAN}`);
      expect(xlsx.status).toBe(200);
      const zip = new Uint8Array(await xlsx.arrayBuffer());
      expect([...zip.slice(0, 2)]).toEqual([0x50, 0x4b]); // PK: a zip container

      // GeoJSON for field teams: the same sites as PostGIS finds uncovered, at their stored points.
      const geo = await app.request(`/api/coverage/hydrants/uncovered.geojson?township=${XINAN}`);
      expect(geo.status).toBe(200);
      expect(geo.headers.get('content-type')).toContain('application/geo+json');
      const fc = (await geo.json()) as { features: { geometry: { coordinates: number[] }; properties: Json }[] };
      expect(new Set(fc.features.map((f) => f.properties.id))).toEqual(
        new Set(oracle.filter((o) => !o.covered).map((o) => o.id)),
      );
      const stored = new Map(
        (
          await db.rows<{ id: number; lon: number; lat: number }>(
            sql`SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sites WHERE township_code = ${XINAN}`,
          )
        ).map((r) => [r.id, [r.lon, r.lat]]),
      );
      for (const f of fc.features) expect(f.geometry.coordinates).toEqual(stored.get(f.properties.id as number));
      expect((await app.request('/api/coverage/hydrants/uncovered.geojson?radius=-1')).status).toBe(400);
    });

    it('coverage lists the counted hydrants, uncovered sites with positions, and uncovered counts by risk', async () => {
      const { body } = await call('GET', '/api/coverage/hydrants?limit=100000');
      const counted = body.countedHydrants as { id: number; code: string; lon: number; lat: number }[];
      const pgHydrants = await db.rows<{ id: number; code: string; lon: number; lat: number }>(sql`
        SELECT id, code, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM hydrants
        WHERE status = 'ok' AND kind = 'municipal' ORDER BY id`);
      expect(counted).toEqual(pgHydrants);
      expect(body.hydrants).toBe(pgHydrants.length);
      const uncovered = body.uncovered as { id: number; riskLevel: number; lon: number; lat: number }[];
      const pgSites = new Map(
        (
          await db.rows<{ id: number; lon: number; lat: number }>(
            sql`SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sites`,
          )
        ).map((r) => [r.id, r]),
      );
      for (const u of uncovered) {
        const pg = pgSites.get(u.id);
        expect([u.lon, u.lat], `site ${u.id}`).toEqual([pg?.lon, pg?.lat]);
      }
      // By risk: the listed rows grouped, and PostGIS's uncovered sites grouped (boundary sites aside).
      const byRisk = (body.summary as { uncoveredByRisk: { riskLevel: number; count: number }[] }).uncoveredByRisk;
      const own = new Map<number, number>();
      for (const u of uncovered) own.set(u.riskLevel, (own.get(u.riskLevel) ?? 0) + 1);
      expect(byRisk).toEqual([...own].sort(([a], [b]) => b - a).map(([riskLevel, count]) => ({ riskLevel, count })));
      const pg = await db.rows<{ risk: number; n: number }>(sql`
        SELECT s.risk_level::int AS risk, count(*)::int AS n FROM sites s
        WHERE NOT EXISTS (SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
          AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS}))
        GROUP BY 1 ORDER BY 1 DESC`);
      const off = pg.reduce((a, r) => a + Math.abs((own.get(r.risk) ?? 0) - r.n), 0);
      expect(off).toBeLessThanOrEqual(1); // a site within BOUNDARY_M of the radius at most (first test)
    });

    it('what-if with the whole plan equals the plan’s after totals; without one proposal, equals PostGIS', async () => {
      // the what-if counts ok hydrants only: so does this plan (planned ones count by default, issue 13)
      const plan = await call('POST', '/api/plan/hydrants', { count: 30, includePlanned: false });
      expect(plan.status).toBe(200);
      const proposals = plan.body.proposals as { rank: number; lon: number; lat: number }[];
      expect(proposals.length).toBe(30);
      const pb = plan.body.before as Record<string, number>;
      const pa = plan.body.after as Record<string, number>;
      const all = await call('POST', '/api/coverage/hydrants/what-if', {
        add: proposals.map((p) => [p.lon, p.lat]),
      });
      expect(all.status).toBe(200);
      const wb = all.body.before as Record<string, number>;
      const wa = all.body.after as Record<string, number>;
      expect(wb.covered).toBe(pb.sitesCovered);
      expect(wa.covered).toBe(pa.sitesCovered);
      expect(wa.percent).toBeCloseTo(pa.sitesPercent as number, 9);
      for (const k of ['roadM', 'uncoveredRoadM', 'spacingGapM']) {
        expect(wb[k], `before ${k}`).toBeCloseTo(pb[k] as number, 6);
        expect(wa[k], `after ${k}`).toBeCloseTo(pa[k] as number, 6);
      }
      expect(wa.uncoveredRoadM).toBeLessThan(wb.uncoveredRoadM as number);
      // The panel's reject: the plan without rank 2, checked against PostGIS.
      const kept = proposals.filter((p) => p.rank !== 2);
      const rejected = await call('POST', '/api/coverage/hydrants/what-if', { add: kept.map((p) => [p.lon, p.lat]) });
      const lons = `{${kept.map((p) => p.lon).join(',')}}`;
      const lats = `{${kept.map((p) => p.lat).join(',')}}`;
      const oracle = await db.one<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM sites s
        WHERE EXISTS (SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
                AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS}))
           OR EXISTS (SELECT 1 FROM unnest(${lons}::float8[], ${lats}::float8[]) AS p(lon, lat)
                WHERE ST_DWithin(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography, s.geom::geography, ${RADIUS}))`);
      const ra = rejected.body.after as Record<string, number>;
      expect(Math.abs((ra.covered as number) - oracle.n)).toBeLessThanOrEqual(1);
      expect(ra.covered).toBeLessThan(wa.covered as number);
      expect(rejected.body.delta).toBe((ra.covered as number) - (wb.covered as number));
      const net = Object.values(rejected.body.deltaByCategory as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(net).toBe(rejected.body.delta);
      const netRisk = Object.values(rejected.body.deltaByRisk as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(netRisk).toBe(rejected.body.delta);
    });

    it('proposal exports: CSV (BOM, Chinese headers), .xlsx and GeoJSON equal the JSON plan; ranks narrow; bad input → 400', async () => {
      const before = await hydrantCount();
      const body = { count: 12, township: XINAN };
      const plan = await call('POST', '/api/plan/hydrants', body);
      type P = {
        rank: number;
        lon: number;
        lat: number;
        township: string;
        townshipName: string;
        roadName: string | null;
        gain: { sites: number; roadM: number; weighted: number; sitesByCategory: Record<string, number> };
      };
      const proposals = plan.body.proposals as P[];
      expect(proposals.length).toBeGreaterThan(3);
      const post = (ext: string, b: unknown) =>
        app.request(`/api/plan/hydrants/proposals.${ext}`, {
          method: 'POST',
          body: JSON.stringify(b),
          headers: { 'content-type': 'application/json' },
        });
      const categories = ['high_rise', 'hazmat', 'labour_intensive', 'medical', 'nine_small', 'crowded', 'other'];
      const csvRows = async (b: unknown) => {
        const res = await post('csv', b);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/csv');
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
        expect(lines.pop()).toBe('');
        expect(lines[0]).toBe(
          '序号,乡镇代码,乡镇,道路,经度,纬度,新增覆盖场所,其中高层建筑,其中危化品单位,其中劳动密集型企业,其中医疗机构,其中九小场所,其中人员密集场所,其中其他,新增覆盖道路(米),加权增益',
        );
        return lines.slice(1).map((l) => l.split(','));
      };
      const expectRow = (cells: string[] | undefined, p: P) => {
        expect(cells).toEqual([
          String(p.rank),
          p.township,
          p.townshipName,
          p.roadName ?? '',
          String(p.lon),
          String(p.lat),
          String(p.gain.sites),
          ...categories.map((c) => String(p.gain.sitesByCategory[c] ?? 0)),
          String(Math.round(p.gain.roadM * 10) / 10),
          String(Math.round(p.gain.weighted * 1000) / 1000),
        ]);
        expect(Number(cells?.[4])).toBe(p.lon);
        expect(Number(cells?.[5])).toBe(p.lat);
      };
      const rows = await csvRows(body);
      expect(rows.length).toBe(proposals.length);
      for (const [k, p] of proposals.entries()) expectRow(rows[k], p);
      // Ranks narrow the rows and keep their rank.
      const some = await csvRows({ ...body, ranks: [1, 3] });
      expect(some.length).toBe(2);
      expectRow(some[0], proposals[0] as P);
      expectRow(some[1], proposals[2] as P);
      // lang=en: English headers (the category names of the UI's English), the same cells.
      const en = await post('csv', { ...body, lang: 'en' });
      expect(en.status).toBe(200);
      const enLines = new TextDecoder().decode(new Uint8Array(await en.arrayBuffer()).slice(3)).split('\r\n');
      expect(enLines[0]).toMatch(/^Rank,Township code,Township,Road,Longitude,Latitude,Sites newly covered,of which /);
      expect(enLines[0]).toContain('of which Hazardous chemicals');
      expect(enLines[0]).not.toMatch(/[\u3400-\u9fff]/);
      expect(enLines.slice(1, -1)).toEqual(rows.map((r) => r.join(',')));
      // .xlsx: a zip whose one sheet has a header row and one row per proposal.
      const xlsx = await post('xlsx', body);
      expect(xlsx.status).toBe(200);
      const zip = new Uint8Array(await xlsx.arrayBuffer());
      expect([...zip.slice(0, 2)]).toEqual([0x50, 0x4b]);
      const files = unzipSync(zip);
      const sheet = Object.entries(files).find(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
      expect(sheet).toBeDefined();
      const xml = new TextDecoder().decode(sheet?.[1]);
      expect(xml.match(/<row[ >]/g)?.length).toBe(proposals.length + 1);
      // GeoJSON: one point per proposal, in rank order, with the same gains.
      const geo = await post('geojson', body);
      expect(geo.status).toBe(200);
      expect(geo.headers.get('content-type')).toContain('application/geo+json');
      const fc = (await geo.json()) as FeatureCollection;
      expect(fc.features.length).toBe(proposals.length);
      fc.features.forEach((f, k) => {
        const p = proposals[k] as P;
        expect(f.geometry).toEqual({ type: 'Point', coordinates: [p.lon, p.lat] });
        expect(f.properties).toMatchObject({
          rank: p.rank,
          township: p.township,
          roadName: p.roadName,
          gainSites: p.gain.sites,
          gainRoadM: p.gain.roadM,
          gainWeighted: p.gain.weighted,
          sitesByCategory: p.gain.sitesByCategory,
        });
      });
      expect(fc).toEqual(plan.body.geojson);
      // Bad input: the plan's validation and error shape, nothing written.
      for (const ext of ['csv', 'xlsx', 'geojson']) {
        for (const bad of [
          { count: 0 },
          { radius: -1 },
          { ranks: [0] },
          { bogus: 1 },
          { township: '411121999' },
          { lang: 'fr' },
        ]) {
          const res = await post(ext, bad);
          expect(res.status, `${ext} ${JSON.stringify(bad)}`).toBe(400);
          const err = (await res.json()) as { error: { code: string; message: string } };
          expect(err.error.code).toBe('invalid_parameter');
        }
      }
      expect(await hydrantCount()).toBe(before);
    });

    it('accept: a bad item writes nothing; a good batch writes exactly N planned hydrants that then count', async () => {
      const before = await hydrantCount();
      // compared below with the ok-only coverage: planned hydrants left out (they count by default, issue 13)
      const plan = await call('POST', '/api/plan/hydrants', { count: 3, includePlanned: false });
      const proposals = (plan.body.proposals as { lon: number; lat: number; roadName: string | null }[]).map((p) => ({
        lon: p.lon,
        lat: p.lat,
        roadName: p.roadName,
      }));
      expect(proposals.length).toBe(3);
      const existing = await db.one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM hydrants ORDER BY id LIMIT 1`,
      );
      const bad: [unknown, number][] = [
        [{ proposals: [...proposals, { lon: 100, lat: 30 }] }, 422],
        [{ proposals: [...proposals, proposals[0]] }, 409],
        [{ proposals: [...proposals, { lon: existing.lon, lat: existing.lat + 1e-6 }] }, 409],
        [{ proposals: [] }, 400],
        [{ proposals: [{ lon: 200, lat: 33 }] }, 400],
      ];
      for (const [input, code] of bad) {
        const r = await call('POST', '/api/plan/hydrants/accept', input);
        expect(r.status, JSON.stringify(input).slice(0, 200)).toBe(code);
        expect(await hydrantCount()).toBe(before);
      }
      // Warm the index of the filter that includes planned hydrants, then accept.
      const withPlanned = '/api/coverage/hydrants?statuses=ok,planned&limit=100000';
      const planned0 = await call('GET', withPlanned);
      expect(await hydrantIndexCached(db, { statuses: ['ok', 'planned'], kinds: ['municipal'] })).toBe(true);
      const ok = await call('POST', '/api/plan/hydrants/accept', { proposals });
      expect(ok.status, ok.text.slice(0, 300)).toBe(201);
      const inserted = (ok.body.inserted as { id: number; code: string; township: string | null }[]) ?? [];
      try {
        expect(inserted.length).toBe(3);
        expect(await hydrantCount()).toBe(before + 3);
        expect(await hydrantIndexCached(db, { statuses: ['ok', 'planned'], kinds: ['municipal'] })).toBe(false);
        const rows = await db.rows<{
          code: string;
          status: string;
          synthetic: boolean;
          township: string | null;
          inside: string | null;
        }>(sql`
          SELECT h.code, h.status::text AS status, h.synthetic, h.township_code AS township,
            (SELECT t.code FROM townships t WHERE ST_Covers(t.geom, h.geom) ORDER BY t.code LIMIT 1) AS inside
          FROM hydrants h WHERE h.id IN (${sql.join(
            inserted.map((i) => sql`${i.id}`),
            sql`, `,
          )}) ORDER BY h.id`);
        expect(rows.map((r) => r.status)).toEqual(['planned', 'planned', 'planned']);
        expect(rows.every((r) => !r.synthetic && r.township !== null && r.township === r.inside)).toBe(true);
        expect(new Set(rows.map((r) => r.code)).size).toBe(3);
        const dup = await db.one<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM (SELECT code FROM hydrants GROUP BY code HAVING count(*) > 1) d`,
        );
        expect(dup.n).toBe(0);
        // They count as planned, and as coverage when planned hydrants are included.
        const layer = await call('GET', '/api/hydrants?status=planned&limit=100000');
        const plannedCodes = (layer.body as unknown as FeatureCollection).features.map((f) => f.properties?.code);
        for (const r of rows) expect(plannedCodes).toContain(r.code);
        const okOnly = await call('GET', '/api/coverage/hydrants?limit=1');
        expect((okOnly.body.summary as { covered: number }).covered).toBe(
          (plan.body.before as { sitesCovered: number }).sitesCovered,
        );
        const planned1 = await call('GET', withPlanned);
        const oracle = await postgisCoverage(['ok', 'planned']);
        const covered1 = (planned1.body.summary as { covered: number }).covered;
        expect(Math.abs(covered1 - oracle.filter((o) => o.covered).length)).toBeLessThanOrEqual(1);
        expect(covered1).toBeGreaterThan((planned0.body.summary as { covered: number }).covered);
        // Accepting the same batch again is a duplicate.
        const again = await call('POST', '/api/plan/hydrants/accept', { proposals });
        expect(again.status).toBe(409);
        expect(await hydrantCount()).toBe(before + 3);
      } finally {
        if (inserted.length > 0) {
          await db.rows(
            sql`DELETE FROM hydrants WHERE id IN (${sql.join(
              inserted.map((i) => sql`${i.id}`),
              sql`, `,
            )})`,
          );
        }
      }
      expect(await hydrantCount()).toBe(before);
    });
  });
}

suite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'PostgreSQL + PostGIS',
  () => {
    suite('postgres', openPostgresTestDb);
  },
);
