/**
 * Township work records through the API on both engines: a township user records its own
 * township's patrols, trainings and village visits (audited, counted by the next bulletin) and
 * is refused another township's (403, nothing written); bad rows are 400 with nothing written;
 * hostile text is stored as text. Rows this file creates carry MARK and are deleted afterwards.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const MARK = 'test:township-work';
const OTHER = '411121100';

function workSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`township work API on ${engine}`, () => {
    let db: Db;
    let township: TestClient;
    let viewer: TestClient;
    let brigade: TestClient;
    const post = (client: TestClient, path: string, body: unknown) =>
      client.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const count = async (table: string) =>
      (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`)).n;

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      township = await signedIn(app, db, 'township', XINAN);
      viewer = await signedIn(app, db, 'viewer');
      brigade = await signedIn(app, db, 'brigade');
    });
    afterAll(async () => {
      for (const table of ['patrols', 'trainings', 'village_visits']) {
        await db?.rows(sql`DELETE FROM ${sql.identifier(table)} WHERE note = ${MARK}`);
      }
      await db?.close();
    });

    it('records a township’s own patrol, training and village visit, audited, and the bulletin counts them', async () => {
      const [site] = await db.rows<{ id: number }>(
        sql`SELECT id FROM sites WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`,
      );
      const [village] = await db.rows<{ code: string }>(
        sql`SELECT code FROM villages WHERE township_code = ${XINAN} ORDER BY code LIMIT 1`,
      );
      const [point] = await db.rows<{ lon: number; lat: number }>(
        sql`SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM townships WHERE code = ${XINAN}`,
      );
      const before = await brigade.request('/api/bulletin?from=2023-12-25&to=2023-12-31');
      const b0 = (
        (await before.json()) as {
          townships: { code: string; patrolledPlaces: number; trainings: number; villageVisits: number }[];
        }
      ).townships.find((t) => t.code === XINAN);
      const audit0 = await count('audit_log');
      const p = await post(township, '/api/patrols', {
        townshipCode: XINAN,
        siteId: site?.id,
        patrolledOn: '2023-12-31',
        patroller: '<script>alert(1)</script> 张三 ‮',
        hazardsFound: 2,
        note: MARK,
      });
      expect(p.status, await p.clone().text()).toBe(201);
      const patrol = (await p.json()) as { id: number; patroller: string; siteId: number };
      expect(patrol.patroller).toBe('<script>alert(1)</script> 张三 ‮');
      const free = await post(township, '/api/patrols', {
        townshipCode: XINAN,
        address: '辛安镇测试集市',
        lonLat: [point?.lon, point?.lat],
        patrolledOn: '2023-12-31',
        patroller: '李四',
        note: MARK,
      });
      expect(free.status, await free.clone().text()).toBe(201);
      const tr = await post(township, '/api/trainings', {
        townshipCode: XINAN,
        heldOn: '2023-12-30',
        kind: 'drill',
        place: '镇政府院内',
        quantity: 45,
        note: MARK,
      });
      expect(tr.status).toBe(201);
      const vv = await post(township, '/api/village-visits', {
        townshipCode: XINAN,
        villageCode: village?.code,
        visitedOn: '2023-12-29',
        topic: '冬季用火用电',
        note: MARK,
      });
      expect(vv.status).toBe(201);
      expect(await count('audit_log')).toBe(audit0 + 4);
      const after = await brigade.request('/api/bulletin?from=2023-12-25&to=2023-12-31');
      const b1 = (
        (await after.json()) as {
          townships: { code: string; patrolledPlaces: number; trainings: number; villageVisits: number }[];
        }
      ).townships.find((t) => t.code === XINAN);
      const sameSiteBefore = await db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM patrols WHERE site_id = ${patrol.siteId} AND patrolled_on BETWEEN '2023-12-25' AND '2023-12-31' AND note IS DISTINCT FROM ${MARK}`,
      );
      expect(b1?.patrolledPlaces).toBe((b0?.patrolledPlaces ?? 0) + (sameSiteBefore.n > 0 ? 0 : 1) + 1);
      expect(b1?.trainings).toBe((b0?.trainings ?? 0) + 1);
      expect(b1?.villageVisits).toBe((b0?.villageVisits ?? 0) + 1);
      const listed = await township.request(`/api/patrols?township=${XINAN}&from=2023-12-31&to=2023-12-31&limit=1000`);
      const rows = ((await listed.json()) as { rows: { id: number }[] }).rows.map((r) => r.id);
      expect(rows).toContain(patrol.id);
    });

    it('refuses another township’s rows (403), a viewer (403) and bad rows (400), writing nothing', async () => {
      const [otherSite] = await db.rows<{ id: number }>(
        sql`SELECT id FROM sites WHERE township_code = ${OTHER} LIMIT 1`,
      );
      const [xinanSite] = await db.rows<{ id: number }>(
        sql`SELECT id FROM sites WHERE township_code = ${XINAN} LIMIT 1`,
      );
      const [otherVillage] = await db.rows<{ code: string }>(
        sql`SELECT code FROM villages WHERE township_code = ${OTHER} LIMIT 1`,
      );
      const n0 = await count('patrols');
      const base = { patrolledOn: '2023-12-31', patroller: '王五', note: MARK };
      const cases: [TestClient, string, unknown, number][] = [
        [township, '/api/patrols', { ...base, townshipCode: OTHER, siteId: otherSite?.id }, 403],
        [viewer, '/api/patrols', { ...base, townshipCode: XINAN, siteId: xinanSite?.id }, 403],
        [brigade, '/api/patrols', { ...base, townshipCode: XINAN, siteId: otherSite?.id }, 400],
        [brigade, '/api/patrols', { ...base, townshipCode: XINAN }, 400],
        [brigade, '/api/patrols', { ...base, townshipCode: XINAN, address: '某地', lonLat: [0, 0] }, 400],
        [brigade, '/api/patrols', { ...base, townshipCode: XINAN, siteId: xinanSite?.id, patroller: 'a\u0000b' }, 400],
        [
          brigade,
          '/api/patrols',
          { ...base, townshipCode: XINAN, siteId: xinanSite?.id, patrolledOn: '2023-02-30' },
          400,
        ],
        [brigade, '/api/patrols', { ...base, townshipCode: XINAN, siteId: 2147483000 }, 404],
        [
          township,
          '/api/trainings',
          { townshipCode: OTHER, heldOn: '2023-12-01', kind: 'drill', place: 'x', quantity: 1, note: MARK },
          403,
        ],
        [
          brigade,
          '/api/trainings',
          { townshipCode: XINAN, heldOn: '2023-12-01', kind: 'party', place: 'x', quantity: 1 },
          400,
        ],
        [
          township,
          '/api/village-visits',
          { townshipCode: XINAN, villageCode: otherVillage?.code, visitedOn: '2023-12-01', topic: 'x' },
          400,
        ],
      ];
      for (const [client, path, body, status] of cases) {
        const res = await post(client, path, body);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(status);
        const err = (await res.json()) as { error?: { code: string; message: string } };
        expect(err.error?.code, path).toMatch(/^[a-z_]+$/);
        expect(err.error?.message.length, path).toBeGreaterThan(0);
      }
      expect(await count('patrols')).toBe(n0);
      expect((await township.request(`/api/patrols?township=${OTHER}`)).status).toBe(403);
      expect((await township.request('/api/trainings?from=2023-07-01&to=2023-01-01')).status).toBe(400);
    });
  });
}

workSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'on PostgreSQL',
  () => workSuite('postgres', openPostgresTestDb),
);
