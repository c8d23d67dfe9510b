/**
 * Hydrant inspections on both engines (issue 13): a 故障 result makes the hydrant `faulty` at once
 * and the coverage answer's uncovered count grows by exactly the sites that hydrant alone covered
 * (PostGIS ST_DWithin before/after as the oracle); 无法检测 changes neither status nor date; the
 * due list equals an SQL query over the last inspection dates; the route visits every due
 * hydrant once, no longer than nearest neighbour, and (PostgreSQL) its legs equal pgRouting's
 * pgr_withPointsCost over the same graph; township scope, bad input and photos.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { roadDistanceMatrix } from '../../server/analysis/road-distance-matrix';
import { createApp } from '../../server/app';
import { chinaToday } from '../../server/auth/today';
import { stationNetwork } from '../../server/services/station-network';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

type Json = Record<string, unknown>;
const RADIUS = 150;
const NOTE = 'inspections test';

function suite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`hydrant inspections on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    const send = async (client: TestClient, method: string, path: string, body?: unknown) => {
      const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await client.request(path, init);
      const text = await res.text();
      return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json };
    };
    /** PostGIS: sites of the county with no ok municipal hydrant within 150 m. */
    const uncoveredSql = async () =>
      (
        await db.one<{ n: number }>(sql`
          SELECT count(*)::int AS n FROM sites s WHERE NOT EXISTS (
            SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
              AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS}))`)
      ).n;
    const uncoveredApi = async () => {
      const r = await send(brigade, 'GET', '/api/coverage/hydrants?limit=1');
      const s = r.body.summary as { sites: number; covered: number };
      return s.sites - s.covered;
    };

    // The PostgreSQL database is shared by every suite: what this one records is taken back at the end.
    let lastInspection = 0;
    let hydrantsBefore: { id: number; status: string; last: string | null }[] = [];
    let intervalsBefore: { adcode: string; kind: string; days: number }[] = [];
    beforeAll(async () => {
      db = await open();
      lastInspection = (
        await db.one<{ n: number }>(sql`SELECT coalesce(max(id), 0)::int AS n FROM hydrant_inspections`)
      ).n;
      hydrantsBefore = await db.rows(
        sql`SELECT id, status::text AS status, last_inspected_on::text AS last FROM hydrants ORDER BY id`,
      );
      intervalsBefore = await db.rows(sql`SELECT adcode, kind::text AS kind, days FROM inspection_intervals`);
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
    });
    afterAll(async () => {
      if (!db) return;
      await db.rows(sql`DELETE FROM hydrant_inspections WHERE id > ${lastInspection}`);
      for (const h of hydrantsBefore) {
        await db.rows(sql`UPDATE hydrants SET status = ${h.status}::hydrant_status, last_inspected_on = ${h.last}::date
          WHERE id = ${h.id} AND (status::text, last_inspected_on::text) IS DISTINCT FROM (${h.status}, ${h.last})`);
      }
      await db.rows(sql`DELETE FROM inspection_intervals`);
      for (const i of intervalsBefore) {
        await db.rows(
          sql`INSERT INTO inspection_intervals (adcode, kind, days) VALUES (${i.adcode}, ${i.kind}::hydrant_kind, ${i.days})`,
        );
      }
      await db.close();
    });

    it('故障 makes the hydrant faulty and uncovers exactly the sites it alone covered (PostGIS before/after)', async () => {
      // the ok municipal hydrant of 辛安镇 that alone covers the most sites
      const pick = await db.one<{ id: number; alone: number }>(sql`
        SELECT h.id, count(s.id)::int AS alone FROM hydrants h
        JOIN sites s ON ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS})
        WHERE h.status = 'ok' AND h.kind = 'municipal' AND h.township_code = ${XINAN}
          AND NOT EXISTS (SELECT 1 FROM hydrants o WHERE o.id <> h.id AND o.status = 'ok' AND o.kind = 'municipal'
                          AND ST_DWithin(o.geom::geography, s.geom::geography, ${RADIUS}))
        GROUP BY h.id ORDER BY alone DESC, h.id LIMIT 1`);
      expect(pick.alone).toBeGreaterThan(0);
      const [sqlBefore, apiBefore] = [await uncoveredSql(), await uncoveredApi()];
      expect(apiBefore).toBe(sqlBefore);
      const today = chinaToday(Date.now());
      const res = await send(township, 'POST', `/api/hydrants/${pick.id}/inspections`, {
        date: today,
        result: 'faulty',
        checks: { capsOk: true, valveOk: false, staticPressureMpa: 0.12, leak: true },
        note: `${NOTE} <script>alert(1)</script> ‮`,
        position: { lon: 113.6, lat: 33.4, accuracyM: 12 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((res.body.hydrant as Json).status).toBe('faulty');
      const row = await db.one<{ status: string; last: string }>(
        sql`SELECT status::text AS status, last_inspected_on::text AS last FROM hydrants WHERE id = ${pick.id}`,
      );
      expect(row).toEqual({ status: 'faulty', last: today });
      const [sqlAfter, apiAfter] = [await uncoveredSql(), await uncoveredApi()];
      expect(sqlAfter).toBe(sqlBefore + pick.alone);
      expect(apiAfter).toBe(sqlAfter);
      const history = await send(township, 'GET', `/api/hydrants/${pick.id}/inspections`);
      const first = (history.body.inspections as Json[])[0] as Json;
      expect(first).toMatchObject({ result: 'faulty', inspectedOn: today, inspector: township.username, lon: 113.6 });
      expect(first.note).toBe(`${NOTE} <script>alert(1)</script> ‮`);
      // 完好 later puts it back in service, and the coverage back
      const ok = await send(brigade, 'POST', `/api/hydrants/${pick.id}/inspections`, { date: today, result: 'ok' });
      expect(ok.status).toBe(201);
      expect(await uncoveredApi()).toBe(sqlBefore);
    });

    it('无法检测 changes neither the status nor the last-inspected date; an older inspection does not set the status', async () => {
      const h = await db.one<{ id: number; status: string; last: string | null }>(sql`
        SELECT id, status::text AS status, last_inspected_on::text AS last FROM hydrants
        WHERE status = 'ok' AND township_code = ${XINAN} AND last_inspected_on IS NOT NULL ORDER BY id DESC LIMIT 1`);
      const r = await send(brigade, 'POST', `/api/hydrants/${h.id}/inspections`, {
        date: chinaToday(Date.now()),
        result: 'untestable',
        checks: { obstructed: true },
      });
      expect(r.status).toBe(201);
      const older = await send(brigade, 'POST', `/api/hydrants/${h.id}/inspections`, {
        date: '2001-01-01',
        result: 'missing',
      });
      expect(older.status).toBe(201);
      const after = await db.one<{ status: string; last: string | null }>(
        sql`SELECT status::text AS status, last_inspected_on::text AS last FROM hydrants WHERE id = ${h.id}`,
      );
      expect(after).toEqual({ status: h.status, last: h.last });
    });

    it('the due list equals SQL over the last inspection dates, with a per-kind interval', async () => {
      const asOf = '2026-06-30';
      const put = await send(brigade, 'PUT', '/api/inspections/intervals', {
        intervals: [{ kind: 'municipal', days: 90 }],
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect((put.body.intervals as Json).municipal).toBe(90);
      expect(
        (await send(township, 'PUT', '/api/inspections/intervals', { intervals: [{ kind: 'site', days: 30 }] })).status,
      ).toBe(403);
      const res = await send(brigade, 'GET', `/api/inspections/due?township=${XINAN}&asOf=${asOf}`);
      expect(res.status).toBe(200);
      const oracle = await db.rows<{ id: number }>(sql`
        WITH last AS (
          SELECT h.id, h.kind, greatest(h.last_inspected_on,
            (SELECT max(i.inspected_on) FROM hydrant_inspections i WHERE i.hydrant_id = h.id AND i.result <> 'untestable')) AS d
          FROM hydrants h WHERE h.township_code = ${XINAN} AND h.status <> 'planned')
        SELECT id FROM last
        WHERE d IS NULL OR d < ${asOf}::date - (CASE WHEN kind = 'municipal' THEN 90 ELSE 365 END) + 1
        ORDER BY id`);
      const got = (res.body.hydrants as { id: number }[]).map((h) => h.id).sort((a, b) => a - b);
      expect(got).toEqual(oracle.map((o) => o.id));
      expect(got.length).toBeGreaterThan(0);
      await send(brigade, 'PUT', '/api/inspections/intervals', { intervals: [{ kind: 'municipal', days: 365 }] });
    });

    it('the route visits every due hydrant once and is no longer than nearest neighbour', async () => {
      const asOf = '2026-06-30';
      const due = await send(brigade, 'GET', `/api/inspections/due?township=${XINAN}&asOf=${asOf}`);
      const res = await send(township, 'GET', `/api/inspections/route?township=${XINAN}&asOf=${asOf}`);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      const stops = res.body.stops as { seq: number; legM: number; hydrant: { id: number } }[];
      const unreachable = res.body.unreachable as { id: number }[];
      const visited = [...stops.map((s) => s.hydrant.id), ...unreachable.map((h) => h.id)].sort((a, b) => a - b);
      expect(visited).toEqual((due.body.hydrants as { id: number }[]).map((h) => h.id).sort((a, b) => a - b));
      expect(new Set(visited).size).toBe(visited.length);
      expect(stops.map((s) => s.seq)).toEqual(stops.map((_, i) => i + 1));
      expect(res.body.lengthM as number).toBeLessThanOrEqual((res.body.nearestNeighbourM as number) + 1e-6);
      const sum = stops.reduce((a, s) => a + s.legM, 0) + (res.body.returnM as number);
      expect(sum).toBeCloseTo(res.body.lengthM as number, 3);
      expect((await send(township, 'GET', '/api/inspections/route?township=411121100')).status).toBe(403);
    });

    it('refuses bad input, planned hydrants and other townships, writing nothing', async () => {
      const n0 = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM hydrant_inspections`)).n;
      const other = await db.one<{ id: number }>(
        sql`SELECT id FROM hydrants WHERE township_code <> ${XINAN} AND status = 'ok' ORDER BY id LIMIT 1`,
      );
      const planned = await db.one<{ id: number }>(
        sql`SELECT id FROM hydrants WHERE status = 'planned' ORDER BY id LIMIT 1`,
      );
      const mine = await db.one<{ id: number }>(
        sql`SELECT id FROM hydrants WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`,
      );
      const today = chinaToday(Date.now());
      expect(
        (await send(township, 'POST', `/api/hydrants/${other.id}/inspections`, { date: today, result: 'ok' })).status,
      ).toBe(403);
      expect(
        (await send(brigade, 'POST', `/api/hydrants/${planned.id}/inspections`, { date: today, result: 'ok' })).status,
      ).toBe(422);
      for (const body of [
        { date: today, result: 'broken' },
        { date: '2026-02-30', result: 'ok' },
        { date: '2999-01-01', result: 'ok' },
        { date: today, result: 'ok', checks: { staticPressureMpa: -1 } },
        { date: today, result: 'ok', note: 'a\u0000b' },
        { date: today, result: 'ok', photos: [{ mime: 'image/gif', data: 'AAAA' }] },
        { date: today, result: 'ok', photos: [{ mime: 'image/jpeg', data: 'A'.repeat(300_000) }] },
      ]) {
        const r = await send(brigade, 'POST', `/api/hydrants/${mine.id}/inspections`, body);
        expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      }
      expect(
        (await send(brigade, 'POST', '/api/hydrants/99999999/inspections', { date: today, result: 'ok' })).status,
      ).toBe(404);
      expect((await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM hydrant_inspections`)).n).toBe(n0);
    });

    it('stores up to three photos and serves them back byte for byte', async () => {
      const mine = await db.one<{ id: number }>(
        sql`SELECT id FROM hydrants WHERE township_code = ${XINAN} AND status <> 'planned' ORDER BY id LIMIT 1`,
      );
      const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255]);
      const r = await send(township, 'POST', `/api/hydrants/${mine.id}/inspections`, {
        date: chinaToday(Date.now()),
        result: 'ok',
        photos: [{ mime: 'image/jpeg', data: bytes.toString('base64') }],
      });
      expect(r.status).toBe(201);
      const [photoId] = (r.body.inspection as { photoIds: number[] }).photoIds;
      const res = await township.request(`/api/inspections/photos/${photoId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    });

    if (engine === 'postgres') {
      it('route distances equal pgRouting pgr_withPointsCost on the same graph and road positions', async () => {
        const url = process.env.TEST_DATABASE_URL as string;
        const pg = postgres(url, { max: 1, onnotice: () => {} });
        try {
          const { network } = await stationNetwork(db);
          const g = network.graph;
          await pg`CREATE TEMP TABLE insp_edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8)`;
          const rows = Array.from({ length: g.edgeCount }, (_, e) => ({
            id: e + 1,
            source: (g.edgeSource[e] as number) + 1,
            target: (g.edgeTarget[e] as number) + 1,
            cost: network.index.edgeGeomM[e] as number,
            reverse_cost: network.index.edgeGeomM[e] as number,
          }));
          for (let i = 0; i < rows.length; i += 5000) await pg`INSERT INTO insp_edges ${pg(rows.slice(i, i + 5000))}`;
          const hs = await db.rows<{ lon: number; lat: number }>(
            sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM hydrants WHERE township_code = ${XINAN} ORDER BY id LIMIT 12`,
          );
          const d = roadDistanceMatrix(
            network.index,
            hs.map((h) => g.projection.forward(h.lon, h.lat)),
          );
          const points = d.positions.map((p, i) => `(${i + 1}, ${(p?.edge ?? 0) + 1}, ${p?.fraction ?? 0})`).join(', ');
          const pids = d.positions.map((_, i) => -(i + 1));
          const got = await pg.unsafe<{ start_pid: string; end_pid: string; agg_cost: number }[]>(
            `SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost(
              'SELECT id, source, target, cost, reverse_cost FROM insp_edges',
              'SELECT pid, edge_id, fraction FROM (VALUES ${points}) v(pid, edge_id, fraction)',
              $1::bigint[], $1::bigint[], directed => false)`,
            [pids],
          );
          expect(got.length).toBeGreaterThan(0);
          let compared = 0;
          for (const r of got) {
            // point ids come back negative (pgRouting 3.x)
            const i = Math.abs(Number(r.start_pid)) - 1;
            const j = Math.abs(Number(r.end_pid)) - 1;
            if (i === j) continue;
            const off = (d.positions[i]?.distanceM ?? 0) + (d.positions[j]?.distanceM ?? 0);
            expect(d.m[i * d.n + j] as number).toBeCloseTo(r.agg_cost + off, 3);
            compared++;
          }
          expect(compared).toBeGreaterThan(0);
          // every pair we can reach by road, pgRouting reaches too (it leaves out unreachable pairs)
          const key = (i: number, j: number) => `${Math.min(i, j)}-${Math.max(i, j)}`;
          const theirs = new Set(
            got.map((r) => key(Math.abs(Number(r.start_pid)) - 1, Math.abs(Number(r.end_pid)) - 1)),
          );
          const ours: string[] = [];
          for (let i = 0; i < d.n; i++) {
            for (let j = i + 1; j < d.n; j++) if (Number.isFinite(d.m[i * d.n + j])) ours.push(key(i, j));
          }
          expect(ours.filter((k) => !theirs.has(k))).toEqual([]);
        } finally {
          await pg.end();
        }
      });
    }
  });
}

suite('pglite', openTestDb);
const pgUrl = process.env.TEST_DATABASE_URL;
describe.runIf(requirePart('PostgreSQL', Boolean(pgUrl)))('PostgreSQL', () => suite('postgres', openPostgresTestDb));
