/**
 * Station coverage a commander believes (issue 16), on both engines. Oracles:
 * - every headline and comparison figure at 3 / 5 / 10 / 15 min equals a tally in this file of the
 *   per-site columns (ETAs in whole seconds) and the sites' risk levels read by SQL;
 * - land classes add up to the county grid, and the grid to the county's PostGIS area;
 * - no "no road access" cell has a road within the off-road limit, and every served cell has one
 *   (PostGIS ST_DWithin on geography over every road segment, on a sample of cell centres);
 * - rounding: the shown m:ss of every listed site agrees with the list it is in;
 * - hypothetical units: off the network refused (422, nothing saved), on a road the live answer
 *   equals the saved scenario's comparison;
 * - split districts: the polygons as sent, read back at every cell centre by a ray cast written here,
 *   hold each reachable cell exactly once and nothing else; districts with edge-sharing cells are
 *   coloured differently; the same colours on every request.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { noRoadAccess } from '../../server/analysis/response-surface';
import { createApp } from '../../server/app';
import { evaluate, OFF_ROAD_DEFAULTS } from '../../server/services/station-evaluation';
import { MAX_OFF_ROAD_M, stationNetwork } from '../../server/services/station-network';
import { toConsidered } from '../../server/services/station-units';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read loosely in tests
type Json = any;

const THRESHOLDS = [180, 300, 600, 900] as const;
const CELL = 200;
const CELL_KM2 = (CELL * CELL) / 1e6;

/** m:ss as the panel writes it (web/panels/station-coverage/coverage-model.ts formatEta), back to seconds. */
const shown = (s: number) => {
  const whole = Math.round(s);
  const text = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
  const [m, ss] = text.split(':').map(Number);
  return (m as number) * 60 + (ss as number);
};

/** Sites within S among all / high-risk, tallied from ETA columns. */
function tally(ids: number[], etas: (number | null)[], risk: Map<number, number>, s: number) {
  let sitesWithin = 0;
  let highRiskWithin = 0;
  let highRiskTotal = 0;
  ids.forEach((id, i) => {
    const t = etas[i];
    const high = (risk.get(id) as number) >= 3;
    if (high) highRiskTotal++;
    if (t !== null && t !== undefined && t <= s) {
      sitesWithin++;
      if (high) highRiskWithin++;
    }
  });
  return { sitesWithin, highRiskWithin, highRiskTotal, sitesTotal: ids.length };
}

function thresholdSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`station coverage at the chosen threshold on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    let inService: number[] = [];
    let risk = new Map<number, number>();
    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, body: (await res.json()) as Json };
    };
    const ok = async (path: string) => {
      const { status, body } = await get(path);
      expect(status, `${path} → ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
      return body;
    };
    const send = async (method: string, path: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const scenarioCount = async () =>
      (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM scenarios`, 'scenarios')).n;

    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
      const units = await db.rows<{ id: number; status: string }>(
        sql`SELECT id, status::text AS status FROM units ORDER BY id`,
      );
      inService = units.filter((u) => u.status === 'in_service').map((u) => u.id);
      risk = new Map(
        (await db.rows<{ id: number; r: number }>(sql`SELECT id, risk_level::int AS r FROM sites`)).map((x) => [
          x.id,
          x.r,
        ]),
      );
    });
    afterAll(async () => {
      await db?.close();
    });

    it('every card figure at 3 / 5 / 10 / 15 min equals a tally of the per-site answer at that threshold', async () => {
      const seen = new Set<number>();
      for (const s of THRESHOLDS) {
        const body = await ok(`/api/coverage/stations?threshold=${s}&cell=${CELL}`);
        const w = body.summary.withinThreshold;
        expect(w.thresholdS).toBe(s);
        expect(body.thresholdS).toBe(s);
        const { id, firstEtaS } = body.sites;
        expect(firstEtaS.every((t: number | null) => t === null || Number.isInteger(t))).toBe(true);
        const mine = tally(id, firstEtaS, risk, s);
        expect({
          sitesWithin: w.sitesWithin,
          highRiskWithin: w.highRiskWithin,
          highRiskTotal: w.highRiskTotal,
          sitesTotal: w.sitesTotal,
        }).toEqual(mine);
        // The high-risk list of the card is every high-risk site over S.
        const over = id.filter(
          (x: number, i: number) => (risk.get(x) as number) >= 3 && (firstEtaS[i] === null || firstEtaS[i] > s),
        );
        expect(new Set(body.highRiskOutside.map((r: Json) => r.siteId))).toEqual(new Set(over));
        expect(over.length + mine.highRiskWithin).toBe(mine.highRiskTotal);
        // The area within S is the bands up to S (S is one of the surface's thresholds).
        const bands = body.surface.features.map((f: Json) => f.properties);
        const cells = bands
          .filter((b: Json) => b.class === 'within' && b.toS <= s)
          .reduce((a: number, b: Json) => a + b.cells, 0);
        expect(w.km2).toBeCloseTo(cells * CELL_KM2, 6);
        expect(w.pctOfServed).toBeCloseTo((100 * w.km2) / body.summary.land.servedKm2, 2);
        // The site table's default scope at S is the same list.
        const page = await ok(`/api/coverage/stations/sites?threshold=${s}&cell=${CELL}&limit=1000`);
        expect(page.thresholdS).toBe(s);
        expect(page.total).toBe(over.length);
        seen.add(w.highRiskWithin);
      }
      // The thresholds give different answers (the card changes with the switch).
      expect(seen.size).toBe(THRESHOLDS.length);
    });

    it('the comparison at 3 / 5 / 10 / 15 min: thresholdS, every figure a tally of its own site columns, the 5-minute line beside', async () => {
      for (const s of THRESHOLDS) {
        const body = await ok(`/api/coverage/stations/compare?activate=built&threshold=${s}&cell=${CELL}`);
        expect(body.thresholdS).toBe(s);
        expect(body.standardS).toBe(300);
        const { id, oldEtaS, newEtaS } = body.sites;
        const before = tally(id, oldEtaS, risk, s);
        const after = tally(id, newEtaS, risk, s);
        for (const [side, t] of [
          [body.before, before],
          [body.after, after],
        ] as const) {
          expect(side.withinThreshold.thresholdS).toBe(s);
          expect(side.withinThreshold.sitesWithin).toBe(t.sitesWithin);
          expect(side.withinThreshold.highRiskWithin).toBe(t.highRiskWithin);
          expect(side.withinThreshold.highRiskTotal).toBe(t.highRiskTotal);
          // The standard line: high-risk within 5 min, whatever S.
          expect(side.highRisk.within5Min).toBe(
            tally(id, side === body.before ? oldEtaS : newEtaS, risk, 300).highRiskWithin,
          );
        }
        const gaining = id.filter((x: number, i: number) => {
          const [o, n] = [oldEtaS[i] ?? Infinity, newEtaS[i] ?? Infinity];
          return (risk.get(x) as number) >= 3 && o > s && n <= s;
        });
        expect(body.highRiskGaining.map((g: Json) => g.siteId).sort()).toEqual([...gaining].sort());
        expect(body.highRiskLosing).toEqual([]);
        expect(after.highRiskWithin - before.highRiskWithin).toBe(gaining.length);
        for (const g of body.highRiskGaining) {
          expect(shown(g.newEtaS)).toBeLessThanOrEqual(s);
          expect(g.oldEtaS === null || shown(g.oldEtaS) > s).toBe(true);
          expect(typeof g.lon).toBe('number');
        }
        const newly = body.after.withinThreshold.km2 - body.before.withinThreshold.km2;
        expect(newly).toBeCloseTo(body.newlyCovered.properties.areaKm2, 6);
        const twBefore = body.before.withinThreshold.townships.reduce((a: number, t: Json) => a + t.km2, 0);
        expect(twBefore).toBeLessThanOrEqual(body.before.withinThreshold.km2 + 1e-6);
      }
    });

    it('land classes add up to the county; the grid is the county’s PostGIS area within one cell per km of outline', async () => {
      const body = await ok(`/api/coverage/stations?cell=${CELL}`);
      const classes = body.surface.features.map((f: Json) => f.properties);
      const total = classes.reduce((a: number, b: Json) => a + b.areaKm2, 0);
      expect(Math.abs(total - body.summary.land.countyKm2)).toBeLessThanOrEqual(CELL_KM2);
      expect(body.summary.land.noRoadAccessKm2 + body.summary.land.servedKm2).toBeCloseTo(
        body.summary.land.countyKm2,
        6,
      );
      const noRoad = classes.find((c: Json) => c.class === 'no_road_access');
      expect(noRoad.areaKm2).toBeCloseTo(body.summary.noRoadAccessKm2, 6);
      const county = await db.one<{ km2: number; km: number }>(
        sql`SELECT ST_Area(geom::geography) / 1e6 AS km2, ST_Perimeter(geom::geography) / 1e3 AS km FROM counties WHERE focus`,
        'county',
      );
      // Cells whose centre is inside: the error is a fraction of the cells the outline crosses.
      const crossed = (county.km * 1000) / CELL;
      expect(Math.abs(body.summary.land.countyKm2 - county.km2)).toBeLessThanOrEqual(0.1 * crossed * CELL_KM2);
      // Gaps are never on land with no road access.
      expect(body.gaps.features[0].properties.areaKm2 + body.summary.standardMet.km2).toBeCloseTo(
        body.summary.land.servedKm2,
        6,
      );
    });

    it('no "no road access" cell has a road within the off-road limit, every served cell has one (PostGIS, sample)', async () => {
      const { network } = await stationNetwork(db);
      const ev = evaluate(network, [], CELL);
      const no = noRoadAccess(ev.cg.grid);
      const { grid } = ev.cg;
      const sample = (pick: (k: number) => boolean, n: number) => {
        const ks = Array.from(grid.cells, (_, k) => k).filter(pick);
        const step = Math.max(1, Math.floor(ks.length / n));
        return ks.filter((_, i) => i % step === 0).slice(0, n);
      };
      const check = async (ks: number[]) => {
        const pts = ks.map((k) => {
          const [lon, lat] = grid.projection.inverse(grid.centreX[k] as number, grid.centreY[k] as number);
          return [lon, lat];
        });
        const json = JSON.stringify(pts);
        return db.rows<{ i: number; d: number }>(sql`
          WITH p AS (SELECT (n - 1)::int AS i, ST_SetSRID(ST_MakePoint((v->>0)::float8, (v->>1)::float8), 4326) AS g
                     FROM jsonb_array_elements(${json}::jsonb) WITH ORDINALITY AS e(v, n))
          SELECT p.i, (SELECT min(ST_Distance(r.geom::geography, p.g::geography)) FROM roads r
                       WHERE ST_DWithin(r.geom::geography, p.g::geography, ${MAX_OFF_ROAD_M + 1})) AS d
          FROM p ORDER BY p.i`);
      };
      const roadless = await check(sample(no, 200));
      expect(roadless.length).toBe(200);
      // Planar (local projection) against ellipsoidal distances: 0.1 m of slack at the limit.
      for (const r of roadless) expect(r.d === null || r.d > MAX_OFF_ROAD_M - 0.1, `cell ${r.i}: ${r.d} m`).toBe(true);
      const served = await check(sample((k) => !no(k), 200));
      for (const r of served) expect(r.d !== null && r.d <= MAX_OFF_ROAD_M + 0.1, `cell ${r.i}: ${r.d} m`).toBe(true);
    });

    it('rounding: no site shown at ≤ the threshold is in an "over" list, and every site shown over it is', async () => {
      for (const s of THRESHOLDS) {
        const body = await ok(`/api/coverage/stations?threshold=${s}&cell=${CELL}`);
        for (const r of body.highRiskOutside) expect(r.bestEtaS === null || shown(r.bestEtaS) > s).toBe(true);
        const listed = new Set(body.highRiskOutside.map((r: Json) => r.siteId));
        body.sites.id.forEach((x: number, i: number) => {
          const t = body.sites.firstEtaS[i];
          if ((risk.get(x) as number) < 3) return;
          expect(listed.has(x), `site ${x} at ${t} s`).toBe(t === null || shown(t) > s);
        });
        const page = await ok(`/api/coverage/stations/sites?threshold=${s}&cell=${CELL}&limit=1000`);
        for (const r of page.rows) expect(r.firstEtaS === null || shown(r.firstEtaS) > s).toBe(true);
      }
    });

    it('a site with no road within the limit is listed as no road access, with its distance to the nearest road', async () => {
      const body = await ok(`/api/coverage/stations?cell=${CELL}`);
      const roadless = await db.rows<{ id: number; d: number }>(sql`
        SELECT s.id, (SELECT min(ST_Distance(r.geom::geography, s.geom::geography)) FROM roads r
                      WHERE ST_DWithin(r.geom::geography, s.geom::geography, 5000)) AS d
        FROM sites s
        WHERE NOT EXISTS (SELECT 1 FROM roads r WHERE ST_DWithin(r.geom::geography, s.geom::geography, ${MAX_OFF_ROAD_M}))
        ORDER BY s.id`);
      expect(body.noRoadAccessSites.map((x: Json) => x.siteId)).toEqual(roadless.map((r) => r.id));
      body.noRoadAccessSites.forEach((x: Json, i: number) => {
        expect(Math.abs(x.nearestRoadM - (roadless[i]?.d as number))).toBeLessThanOrEqual(0.5);
      });
      expect(body.summary.withinThreshold.noRoadAccessSites).toBe(roadless.length);
      // The off-road limit is configurable: a wider one reaches them.
      const wider = await ok(`/api/coverage/stations?cell=${CELL}&off_road_max=300&off_road_speed=10`);
      expect(wider.assumptions.maxOffRoadM).toBe(300);
      expect(wider.assumptions.offRoadSpeedKmh).toBe(10);
      expect(wider.noRoadAccessSites.length).toBeLessThan(roadless.length + 1);
      expect(wider.summary.noRoadAccessKm2).toBeLessThan(body.summary.noRoadAccessKm2);
    });

    it('a hypothetical unit off the network is refused at once (snap, live answer, scenario): distance named, nothing saved', async () => {
      const [far] = await db.rows<{ lon: number; lat: number }>(
        sql`SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Project(ST_Centroid(geom)::geography, 1e6, 0)::geometry AS p FROM counties WHERE focus) q`,
      );
      if (!far) throw new Error('no county');
      const lon = far.lon.toFixed(7);
      const lat = far.lat.toFixed(7);
      const snap = await ok(`/api/coverage/stations/snap?lon=${lon}&lat=${lat}`);
      expect(snap.onNetwork).toBe(false);
      expect(snap.distanceM).toBeGreaterThan(MAX_OFF_ROAD_M);
      expect(snap.nearest).toMatchObject({ lon: expect.any(Number), lat: expect.any(Number) });
      const live = await get(`/api/coverage/stations?cell=${CELL}&hypothetical=station:${lon}:${lat}:60`);
      expect(live.status).toBe(422);
      expect(live.body.error.message).toContain(`${snap.distanceM} m from the nearest road`);
      const before = await scenarioCount();
      const saved = await send('POST', '/api/scenarios', {
        name: 'far',
        changes: { hypotheticalUnits: [{ name: '远', kind: 'station', lon: Number(lon), lat: Number(lat) }] },
      });
      expect(saved.status).toBe(422);
      expect(saved.body.error.details.distanceM).toBe(snap.distanceM);
      expect(await scenarioCount()).toBe(before);
    });

    it('a hypothetical unit on a road: the live answer’s ETAs equal the saved scenario’s comparison', async () => {
      // 40 m off the middle of a township road, in the county's south-west, away from the units.
      const [spot] = await db.rows<{ lon: number; lat: number }>(sql`
        SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
          SELECT ST_Project(ST_LineInterpolatePoint(geom, 0.5)::geography, 40, radians(45))::geometry AS p
          FROM roads WHERE class = 'township' ORDER BY ST_X(ST_StartPoint(geom)) + ST_Y(ST_StartPoint(geom)), id LIMIT 1) q`);
      if (!spot) throw new Error('no township road');
      const lon = Number(spot.lon.toFixed(7));
      const lat = Number(spot.lat.toFixed(7));
      const snap = await ok(`/api/coverage/stations/snap?lon=${lon}&lat=${lat}`);
      expect(snap.onNetwork).toBe(true);
      expect(snap.distanceM).toBeLessThanOrEqual(40.5);
      const live = await ok(
        `/api/coverage/stations?cell=${CELL}&units=${inService.join(',')}&hypothetical=station:${lon}:${lat}:60&threshold=300`,
      );
      const h = live.units.find((u: Json) => u.id === 'h1');
      expect(h).toMatchObject({ hypothetical: true, onNetwork: true });
      expect(Math.abs(h.snapDistanceM - snap.distanceM)).toBeLessThanOrEqual(0.1);
      const before = await scenarioCount();
      const saved = await send('POST', '/api/scenarios', {
        name: '假设站',
        changes: { hypotheticalUnits: [{ name: '假设站', kind: 'station', lon, lat, turnoutS: 60 }] },
      });
      expect(saved.status).toBe(201);
      try {
        expect(await scenarioCount()).toBe(before + 1);
        const cmp = await ok(`/api/coverage/stations/compare?scenario=${saved.body.id}&cell=${CELL}&threshold=300`);
        expect(cmp.sites.id).toEqual(live.sites.id);
        expect(cmp.sites.newEtaS).toEqual(live.sites.firstEtaS);
        expect(cmp.after.withinThreshold.highRiskWithin).toBe(live.summary.withinThreshold.highRiskWithin);
        // The unit changes something (it stands where no unit is).
        expect(cmp.sites.newEtaS.some((t: number | null, i: number) => t !== cmp.sites.oldEtaS[i])).toBe(true);
      } finally {
        await send('DELETE', `/api/scenarios/${saved.body.id}`);
      }
    });

    it('split districts: disjoint, their union the reachable cells, adjacent ones coloured differently, stable', async () => {
      const path = `/api/coverage/stations?mode=split&cell=${CELL}&threshold=300&units=all`;
      const body = await ok(path);
      const d = body.districts;
      expect(d.thresholdS).toBe(300);
      expect(d.features.length).toBeGreaterThan(5);
      expect(d.colours).toBeLessThanOrEqual(6);
      // Reachable cells (a finite time) of the same units, in process.
      const { network } = await stationNetwork(db);
      const units = (
        await db.rows<Json>(sql`
        SELECT id, code, name, kind::text AS kind, status::text AS status, staff, turnout_s AS "turnoutS",
          township_code AS "townshipCode", ST_X(geom) AS lon, ST_Y(geom) AS lat FROM units
          WHERE status IN ('in_service', 'built', 'planned') ORDER BY id`)
      ).map(toConsidered);
      const ev = evaluate(network, units, CELL, OFF_ROAD_DEFAULTS);
      const reachable = [...ev.surface.timeS].filter(Number.isFinite).length;
      expect(d.features.reduce((a: number, f: Json) => a + f.properties.cells, 0)).toBe(reachable);
      // Outline of the threshold = the cells within 5 min.
      expect(d.outline.properties.areaKm2).toBeCloseTo(body.summary.within5Min.km2, 6);
      // The polygons as sent, read back at every cell centre by an even-odd ray cast written here (PGlite's
      // PostGIS answers failing GEOS overlays with no row, and shared edges traced twice in rounded degrees
      // coincide within 0.1 m, not exactly; cell centres are half a cell from every edge).
      const { grid } = ev.cg;
      const polys = d.features.map((f: Json) => {
        const rings = (f.geometry.coordinates as number[][][][]).flat();
        const xs = rings.flat().map((p) => p[0] as number);
        const ys = rings.flat().map((p) => p[1] as number);
        return { rings, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
      });
      const inside = (poly: (typeof polys)[number], x: number, y: number) => {
        const [x0, y0, x1, y1] = poly.box as [number, number, number, number];
        if (x < x0 || x > x1 || y < y0 || y > y1) return false;
        let odd = false;
        for (const ring of poly.rings) {
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const [xi, yi] = ring[i] as [number, number];
            const [xj, yj] = ring[j] as [number, number];
            if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
          }
        }
        return odd;
      };
      const at = new Map<number, number>(); // grid cell → district index read from the polygons
      for (let k = 0; k < grid.cells.length; k++) {
        const [x, y] = grid.projection.inverse(grid.centreX[k] as number, grid.centreY[k] as number);
        const hits = polys.flatMap((poly: (typeof polys)[number], i: number) => (inside(poly, x, y) ? [i] : []));
        const reached = Number.isFinite(ev.surface.timeS[k] as number);
        expect(hits.length, `cell ${k}`).toBe(reached ? 1 : 0);
        if (hits.length === 1) at.set(grid.cells[k] as number, hits[0] as number);
      }
      // Adjacent districts (cells sharing an edge) are coloured differently; the server lists the same neighbours.
      const adjacent = new Set<string>();
      for (const [cell, i] of at) {
        for (const next of [cell + 1, cell + grid.cols]) {
          const j = at.get(next);
          if (j === undefined || j === i || (next === cell + 1 && next % grid.cols === 0)) continue;
          adjacent.add(`${Math.min(i, j)}-${Math.max(i, j)}`);
        }
      }
      for (const pair of adjacent) {
        const [i, j] = pair.split('-').map(Number) as [number, number];
        expect(d.features[i].properties.colour, `districts ${pair}`).not.toBe(d.features[j].properties.colour);
        expect(d.features[i].properties.neighbours).toContain(d.features[j].properties.unitId);
      }
      const listed = d.features.reduce((a: number, f: Json) => a + f.properties.neighbours.length, 0);
      expect(listed).toBe(2 * adjacent.size);
      expect(adjacent.size).toBeGreaterThan(d.features.length - 1);
      const again = await ok(path);
      expect(again.districts.features.map((f: Json) => [f.properties.unitId, f.properties.colour])).toEqual(
        d.features.map((f: Json) => [f.properties.unitId, f.properties.colour]),
      );
    });

    it.each([
      ['threshold=0', 'threshold'],
      ['threshold=3601', 'threshold'],
      ['off_road_max=10', 'off_road_max'],
      ['off_road_max=501', 'off_road_max'],
      ['off_road_speed=0', 'off_road_speed'],
      ['hypothetical=station:113', 'hypothetical'],
      ['hypothetical=tank:113.6:33.4:60', 'hypothetical'],
      ['scenario=1&hypothetical=station:113.6:33.4:60', 'scenario'],
    ])('GET /api/coverage/stations?%s → 400 naming %s', async (query, field) => {
      const { status, body } = await get(`/api/coverage/stations?${query}`);
      expect(status).toBe(400);
      expect(body.error.message).toContain(field);
    });

    it.each([
      ['lon=200&lat=33', 'lon'],
      ['lon=113.6', 'lat'],
      ['lon=113.6&lat=33.4&off_road_max=1', 'off_road_max'],
    ])('GET /api/coverage/stations/snap?%s → 400 naming %s', async (query, field) => {
      const { status, body } = await get(`/api/coverage/stations/snap?${query}`);
      expect(status).toBe(400);
      expect(body.error.message).toContain(field);
    });
  });
}

thresholdSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'PostgreSQL + PostGIS',
  () => {
    thresholdSuite('postgres', openPostgresTestDb);
  },
);
