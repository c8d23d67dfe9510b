/**
 * Hydrant planning API (issue 5) on both engines. Oracles: PostGIS geography (ST_DWithin for
 * coverage, KNN candidates then ST_Distance on the spheroid for the nearest hydrant), the
 * plain greedy for the lazy one, row counts before / after for writes.
 */
import { sql } from 'drizzle-orm';
import type { FeatureCollection, LineString } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { distanceMetres } from '../../server/analysis/metric';
import { createApp } from '../../server/app';
import {
  BUILT_UP_SEAT_RADIUS_M,
  hydrantIndexCached,
  invalidateHydrantIndex,
  planHydrantProposals,
} from '../../server/services/hydrant-planning';
import { clipToSeats, mergeStreets } from '../../server/services/hydrant-streets';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const XINAN = '411121104'; // 辛安镇
const RADIUS = 150;
/** Sites this close to the radius may fall either side between two correct geodesic codes. */
const BOUNDARY_M = 0.05;

type Json = Record<string, unknown>;

function suite(engine: string, open: () => Promise<Db>) {
  describe(`hydrant planning on ${engine}`, () => {
    let db: Db;
    let app: ReturnType<typeof createApp>;
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
      app = createApp(db);
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
      // Mark faulty the hydrant that alone covers the most sites.
      const h = await db.one<{ id: number }>(sql`
        SELECT h.id FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
        ORDER BY (SELECT count(*) FROM sites s WHERE ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS})
          AND NOT EXISTS (SELECT 1 FROM hydrants o WHERE o.status = 'ok' AND o.kind = 'municipal' AND o.id <> h.id
            AND ST_DWithin(o.geom::geography, s.geom::geography, ${RADIUS}))) DESC, h.id
        LIMIT 1`);
      const faulty = await call('POST', '/api/coverage/hydrants/what-if', { faulty: [h.id] });
      expect(faulty.status).toBe(200);
      const lost = await db.rows<{ id: number }>(sql`
        SELECT s.id FROM sites s, hydrants f
        WHERE f.id = ${h.id} AND ST_DWithin(f.geom::geography, s.geom::geography, ${RADIUS})
          AND NOT EXISTS (SELECT 1 FROM hydrants o WHERE o.status = 'ok' AND o.kind = 'municipal' AND o.id <> f.id
            AND ST_DWithin(o.geom::geography, s.geom::geography, ${RADIUS}))
        ORDER BY s.id`);
      expect(lost.length).toBeGreaterThan(0);
      expect((faulty.body.newlyUncovered as { id: number }[]).map((s) => s.id)).toEqual(lost.map((r) => r.id));
      expect(faulty.body.delta).toBe(-lost.length);
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
    });

    it('accept: a bad item writes nothing; a good batch writes exactly N planned hydrants that then count', async () => {
      const before = await hydrantCount();
      const plan = await call('POST', '/api/plan/hydrants', { count: 3 });
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
      expect(hydrantIndexCached(db, { statuses: ['ok', 'planned'], kinds: ['municipal'] })).toBe(true);
      const ok = await call('POST', '/api/plan/hydrants/accept', { proposals });
      expect(ok.status, ok.text.slice(0, 300)).toBe(201);
      const inserted = (ok.body.inserted as { id: number; code: string; township: string | null }[]) ?? [];
      try {
        expect(inserted.length).toBe(3);
        expect(await hydrantCount()).toBe(before + 3);
        expect(hydrantIndexCached(db, { statuses: ['ok', 'planned'], kinds: ['municipal'] })).toBe(false);
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
        invalidateHydrantIndex(db);
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
