/**
 * Editing units, hydrants and sites on both engines (issue 13): two edits of one version → one 200
 * and one 409 carrying the winner's row; every edit's audit row holds before and after; a township
 * user editing another township's row → 403 and the row unchanged (md5); If-Match required;
 * moving a hydrant changes the coverage answer exactly as PostGIS ST_DWithin says; an accepted
 * proposal is a planned hydrant the next plan counts (so it is not proposed again), and after its
 * delete the point may come back; no proposal within 5 m of any hydrant; hazard entry.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { chinaToday } from '../../server/auth/today';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

type Json = Record<string, unknown>;
type Answer = { feature: { properties: Json; geometry: { coordinates: [number, number] } }; version: number };
const RADIUS = 150;
const MARK = 'asset-edit test';

function suite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`asset edits on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    const send = async (client: TestClient, method: string, path: string, body?: unknown, version?: number) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (version !== undefined) headers['if-match'] = `"${version}"`;
      const init: RequestInit = { method, headers };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await client.request(path, init);
      const text = await res.text();
      return {
        status: res.status,
        body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json,
        etag: res.headers.get('etag'),
      };
    };
    const md5 = async (table: 'units' | 'hydrants' | 'sites', id: number) =>
      (
        await db.one<{ m: string }>(
          sql`SELECT md5(row_to_json(t)::text) AS m FROM ${sql.identifier(table)} t WHERE id = ${id}`,
        )
      ).m;
    const lastAudit = () =>
      db.one<{ action: string; ok: boolean; before: Json | null; after: Json | null; actor: string }>(
        sql`SELECT action, ok, before, after, actor FROM audit_log ORDER BY id DESC LIMIT 1`,
      );
    const versionOf = async (table: 'units' | 'hydrants' | 'sites', id: number) =>
      (await db.one<{ v: number }>(sql`SELECT version::int AS v FROM ${sql.identifier(table)} WHERE id = ${id}`)).v;
    const uncoveredSql = async () =>
      (
        await db.one<{ n: number }>(sql`
          SELECT count(*)::int AS n FROM sites s WHERE NOT EXISTS (
            SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
              AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS}))`)
      ).n;
    const uncoveredApi = async () => {
      const s = (await send(brigade, 'GET', '/api/coverage/hydrants?limit=1')).body.summary as {
        sites: number;
        covered: number;
      };
      return s.sites - s.covered;
    };

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
    });
    afterAll(async () => {
      await db?.rows(
        sql`DELETE FROM hazard_transitions WHERE hazard_id IN (SELECT id FROM hazards WHERE description = ${MARK})`,
      );
      await db?.rows(sql`DELETE FROM hazards WHERE description = ${MARK}`);
      await db?.rows(sql`DELETE FROM sites WHERE name = ${MARK}`);
      await db?.rows(sql`DELETE FROM hydrants WHERE road_name = ${MARK}`);
      await db?.close();
    });

    it('two edits of the same version: one 200, one 409 with the current row, the row is the winner’s', async () => {
      const unit = await db.one<{ id: number; staff: number }>(
        sql`SELECT id, staff FROM units WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`,
      );
      const v = await versionOf('units', unit.id);
      const [a, b] = await Promise.all([
        send(brigade, 'PATCH', `/api/units/${unit.id}`, { staff: unit.staff + 1 }, v),
        send(township, 'PATCH', `/api/units/${unit.id}`, { staff: unit.staff + 2 }, v),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [win, lose] = a.status === 200 ? [a, b] : [b, a];
      const winner = win.body as unknown as Answer;
      expect(winner.version).toBe(v + 1);
      expect(win.etag).toBe(`"${v + 1}"`);
      const stored = await db.one<{ staff: number }>(sql`SELECT staff FROM units WHERE id = ${unit.id}`);
      // the PostgreSQL database is shared by every test file: give the staff back
      await db.rows(sql`UPDATE units SET staff = ${unit.staff} WHERE id = ${unit.id}`);
      expect(stored.staff).toBe(winner.feature.properties.staff);
      const current = ((lose.body.error as Json).details as { current: Answer['feature'] }).current;
      expect(current.properties.staff).toBe(stored.staff);
      expect(current.properties.version).toBe(v + 1);
    });

    it('every edit leaves its audit row with before and after; If-Match is required and checked', async () => {
      const unit = await db.one<{ id: number; staff: number; name: string }>(
        sql`SELECT id, staff, name FROM units WHERE township_code = ${XINAN} ORDER BY id DESC LIMIT 1`,
      );
      const v = await versionOf('units', unit.id);
      expect((await send(brigade, 'PATCH', `/api/units/${unit.id}`, { staff: 3 })).status).toBe(428);
      const res = await send(brigade, 'PATCH', `/api/units/${unit.id}`, { staff: unit.staff + 5 }, v);
      expect(res.status).toBe(200);
      const audit = await lastAudit();
      expect(audit).toMatchObject({ action: 'units.update', ok: true, actor: brigade.username });
      expect(audit.before).toMatchObject({ id: unit.id, staff: unit.staff, version: v });
      expect(audit.after).toMatchObject({ id: unit.id, staff: unit.staff + 5, version: v + 1 });
      const m = await md5('units', unit.id);
      const stale = await send(brigade, 'PATCH', `/api/units/${unit.id}`, { staff: 1 }, v);
      expect(stale.status).toBe(409);
      expect(await md5('units', unit.id)).toBe(m);
      expect(await lastAudit()).toMatchObject({ action: 'units.update', ok: false });
      await db.rows(sql`UPDATE units SET staff = ${unit.staff} WHERE id = ${unit.id}`);
    });

    it('a township user editing or deleting another township’s row → 403, unchanged', async () => {
      for (const table of ['units', 'hydrants', 'sites'] as const) {
        const row = await db.one<{ id: number }>(
          sql`SELECT id FROM ${sql.identifier(table)} WHERE township_code <> ${XINAN} ORDER BY id LIMIT 1`,
        );
        const [m, v] = [await md5(table, row.id), await versionOf(table, row.id)];
        expect((await send(township, 'PATCH', `/api/${table}/${row.id}`, { code: 'X-1' }, v)).status).toBe(403);
        expect((await send(township, 'DELETE', `/api/${table}/${row.id}`, undefined, v)).status).toBe(403);
        expect(await md5(table, row.id)).toBe(m);
      }
      // moving its own hydrant into another township is refused too
      const mine = await db.one<{ id: number }>(
        sql`SELECT id FROM hydrants WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`,
      );
      const away = await db.one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(seat) AS lon, ST_Y(seat) AS lat FROM townships WHERE code <> ${XINAN} ORDER BY code LIMIT 1`,
      );
      const m = await md5('hydrants', mine.id);
      expect(
        (await send(township, 'PATCH', `/api/hydrants/${mine.id}`, away, await versionOf('hydrants', mine.id))).status,
      ).toBe(403);
      expect(await md5('hydrants', mine.id)).toBe(m);
    });

    it('moving a hydrant changes the coverage answer exactly as PostGIS ST_DWithin says', async () => {
      // an uncovered site of 辛安镇 and the ok municipal hydrant that alone covers the most sites there
      const target = await db.one<{ lon: number; lat: number }>(sql`
        SELECT ST_X(s.geom) + 0.0001 AS lon, ST_Y(s.geom) AS lat FROM sites s WHERE s.township_code = ${XINAN}
          AND NOT EXISTS (SELECT 1 FROM hydrants h WHERE h.status = 'ok' AND h.kind = 'municipal'
                          AND ST_DWithin(h.geom::geography, s.geom::geography, ${RADIUS}))
        ORDER BY s.id LIMIT 1`);
      const h = await db.one<{ id: number; lon: number; lat: number }>(sql`
        SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM hydrants
        WHERE township_code = ${XINAN} AND status = 'ok' AND kind = 'municipal' ORDER BY id LIMIT 1`);
      const before = await uncoveredSql();
      expect(await uncoveredApi()).toBe(before);
      const res = await send(township, 'PATCH', `/api/hydrants/${h.id}`, target, await versionOf('hydrants', h.id));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const after = await uncoveredSql();
      expect(after).not.toBe(before);
      expect(await uncoveredApi()).toBe(after);
      // and back
      await send(
        brigade,
        'PATCH',
        `/api/hydrants/${h.id}`,
        { lon: h.lon, lat: h.lat },
        await versionOf('hydrants', h.id),
      );
      expect(await uncoveredApi()).toBe(before);
      expect(await uncoveredSql()).toBe(before);
    });

    it('accept → the next plan counts the planned hydrant; delete it → the point may come back', async () => {
      const plan = async (extra: Json = {}) =>
        (await send(brigade, 'POST', '/api/plan/hydrants', { township: XINAN, count: 1, ...extra })).body as {
          proposals: { lon: number; lat: number; roadName: string | null }[];
        };
      const [first] = (await plan()).proposals;
      expect(first).toBeDefined();
      const p = first as { lon: number; lat: number };
      const accepted = await send(brigade, 'POST', '/api/plan/hydrants/accept', {
        proposals: [{ lon: p.lon, lat: p.lat, roadName: MARK }],
      });
      expect(accepted.status).toBe(201);
      const id = ((accepted.body.inserted as { id: number }[])[0] as { id: number }).id;
      const next = (await plan()).proposals[0] as { lon: number; lat: number };
      expect([next.lon, next.lat]).not.toEqual([p.lon, p.lat]);
      // excluded by the checkbox, the planned hydrant is not counted — but nothing within 5 m of it is offered
      const without = await plan({ includePlanned: false, minDistance: 0, count: 40 });
      const near = await db.rows(sql`
        SELECT 1 FROM hydrants h, (VALUES ${sql.join(
          without.proposals.map((q) => sql`(${q.lon}::float8, ${q.lat}::float8)`),
          sql`, `,
        )}) v(lon, lat)
        WHERE ST_DWithin(h.geom::geography, ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326)::geography, 5)`);
      expect(near).toEqual([]);
      const del = await send(brigade, 'DELETE', `/api/hydrants/${id}`, undefined, await versionOf('hydrants', id));
      expect(del.status, JSON.stringify(del.body)).toBe(200);
      expect(await lastAudit()).toMatchObject({ action: 'hydrants.delete', ok: true, after: null });
      const again = (await plan()).proposals[0] as { lon: number; lat: number };
      expect([again.lon, again.lat]).toEqual([p.lon, p.lat]);
    });

    it('creates hydrants and sites where the point is (township from the polygon), refuses bad input', async () => {
      const seat = await db.one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(seat) AS lon, ST_Y(seat) AS lat FROM townships WHERE code = ${XINAN}`,
      );
      const hy = await send(township, 'POST', '/api/hydrants', {
        ...seat,
        kind: 'municipal',
        status: 'ok',
        roadName: MARK,
      });
      expect(hy.status, JSON.stringify(hy.body)).toBe(201);
      const props = (hy.body as unknown as Answer).feature.properties;
      expect(props.townshipCode).toBe(XINAN);
      expect(String(props.code)).toMatch(/^HY-\d{4,}$/);
      expect(await lastAudit()).toMatchObject({ action: 'hydrants.create', ok: true, before: null });
      const site = await send(township, 'POST', '/api/sites', {
        lon: seat.lon + 0.001,
        lat: seat.lat,
        name: MARK,
        category: 'nine_small',
        riskLevel: 2,
      });
      expect(site.status, JSON.stringify(site.body)).toBe(201);
      const n0 = (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM sites`)).n;
      for (const body of [
        { lon: seat.lon, lat: seat.lat, name: '', category: 'nine_small', riskLevel: 2 },
        { lon: seat.lon, lat: seat.lat, name: 'x', category: 'castle', riskLevel: 2 },
        { lon: seat.lon, lat: seat.lat, name: 'x', category: 'other', riskLevel: 9 },
        { lon: seat.lon, lat: seat.lat, name: 'a\u0000', category: 'other', riskLevel: 1 },
        { lon: 200, lat: seat.lat, name: 'x', category: 'other', riskLevel: 1 },
        { lon: seat.lon, lat: seat.lat, name: 'x', category: 'other', riskLevel: 1, townshipCode: '411121100' },
      ]) {
        expect((await send(brigade, 'POST', '/api/sites', body)).status, JSON.stringify(body)).toBe(400);
      }
      expect(
        (await send(brigade, 'POST', '/api/sites', { lon: 100, lat: 20, name: 'x', category: 'other', riskLevel: 1 }))
          .status,
      ).toBe(422);
      const other = await db.one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(seat) AS lon, ST_Y(seat) AS lat FROM townships WHERE code <> ${XINAN} ORDER BY code LIMIT 1`,
      );
      expect(
        (await send(township, 'POST', '/api/sites', { ...other, name: MARK, category: 'other', riskLevel: 1 })).status,
      ).toBe(403);
      expect((await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM sites`)).n).toBe(n0);
    });

    it('a site with hazards cannot be deleted (409); a hazard entered from its popup is open, found today', async () => {
      const site = await db.one<{ id: number }>(sql`
        SELECT s.id FROM sites s WHERE s.township_code = ${XINAN} AND EXISTS (SELECT 1 FROM hazards h WHERE h.site_id = s.id)
        ORDER BY s.id LIMIT 1`);
      const del = await send(brigade, 'DELETE', `/api/sites/${site.id}`, undefined, await versionOf('sites', site.id));
      expect(del.status).toBe(409);
      const today = chinaToday(Date.now());
      const h = await send(township, 'POST', '/api/hazards', {
        siteId: site.id,
        category: 'electrical',
        severity: 'general',
        description: MARK,
        deadline: today,
      });
      expect(h.status, JSON.stringify(h.body)).toBe(201);
      expect(h.body).toMatchObject({ siteId: site.id, status: 'open', foundOn: today, townshipCode: XINAN });
      expect(await lastAudit()).toMatchObject({ action: 'hazard.create', ok: true });
      const other = await db.one<{ id: number }>(
        sql`SELECT id FROM sites WHERE township_code <> ${XINAN} ORDER BY id LIMIT 1`,
      );
      const body = { siteId: other.id, category: 'other', severity: 'major', description: MARK, deadline: today };
      expect((await send(township, 'POST', '/api/hazards', body)).status).toBe(403);
      expect((await send(brigade, 'POST', '/api/hazards', { ...body, deadline: '2001-01-01' })).status).toBe(400);
      expect((await send(brigade, 'POST', '/api/hazards', { ...body, siteId: 99999999 })).status).toBe(404);
    });
  });
}

suite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL', Boolean(process.env.TEST_DATABASE_URL)))('PostgreSQL', () =>
  suite('postgres', openPostgresTestDb),
);
