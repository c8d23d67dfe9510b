/**
 * Record layers through the pipeline, both engines: hazards (their lifecycle steps become
 * transitions) and enforcement actions, found by site code; bad rows named; importing the same
 * file twice adds nothing; undo → the tables and the hazards layer byte-identical.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { csvUtf8, uploadForm } from '../helpers/import-files';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in assertions
type Json = Record<string, any>;

function recordsSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`hazard and enforcement import on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let sites: string[];

    const post = async (path: string, name: string, bytes: Uint8Array) => {
      const res = await brigade.request(path, { method: 'POST', body: uploadForm(name, bytes) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const md5 = async (table: string) =>
      (
        await db.one<{ m: string | null }>(
          sql`SELECT md5(string_agg(row_to_json(t)::text, '|' ORDER BY id)) AS m FROM ${sql.identifier(table)} t`,
        )
      ).m;

    beforeAll(async () => {
      db = await open();
      brigade = await signedIn(createApp(db), db, 'brigade');
      sites = (await db.rows<{ code: string }>(sql`SELECT code FROM sites ORDER BY id LIMIT 3`)).map((r) => r.code);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('imports hazards with their steps, names bad rows, adds nothing the second time, and undoes exactly', async () => {
      const [a, b, c] = sites as [string, string, string];
      const rows = [
        ['单位编号', '隐患类型', '等级', '整改状态', '隐患内容', '检查日期', '整改期限', '整改完成日期', '复查日期'],
        [a, '电气线路', '重大', '已复查', '私拉电线', '2024/3/5', '2024-03-20', '2024年3月18日', '2024-03-25'], // 2
        [b, '疏散通道', '', '', '楼道堆物', '2024-04-01', '', '', ''], // 3: open, deadline derived
        ['ST-NONE', '电气线路', '', '', '', '2024-04-01', '', '', ''], // 4: unknown site
        [c, '防火分隔', '', '已复查', '', '2024-04-01', '', '2024-04-09', ''], // 5: verified without date
        [c, '消防设施', '', '', '', '2024-04-10', '', '2024-04-02', ''], // 6: rectified before found
        [a, '电气线路', '', '', '', '2024-03-05', '', '', ''], // 7: the same hazard as row 2
      ];
      const hazardsBefore = await md5('hazards');
      const stepsBefore = await md5('hazard_transitions');
      const layerBefore = await (await brigade.request('/api/hazards')).text();
      const preview = await post('/api/import/hazards?dryRun=1', 'hazards.csv', csvUtf8(rows));
      expect(preview.status, JSON.stringify(preview.body).slice(0, 300)).toBe(200);
      expect(preview.body.detected).toBeNull();
      expect(preview.body.errors.map((e: Json) => [e.row, e.column])).toEqual([
        [4, '单位编号'],
        [5, '复查日期'],
        [6, '整改完成日期'],
        [7, '单位编号'],
      ]);
      expect(preview.body.insert).toBe(2);
      const commit = await post('/api/import/hazards?skipInvalid=1', 'hazards.csv', csvUtf8(rows));
      expect(commit.status, JSON.stringify(commit.body)).toBe(201);
      expect(commit.body).toMatchObject({ inserted: 2, skipped: 4 });
      const steps = await db.rows<{ desc: string; from: string | null; to: string; on: string }>(sql`
        SELECT h.description AS desc, t.from_status AS from, t.to_status AS to, t.on::text AS on
        FROM hazard_transitions t JOIN hazards h ON h.id = t.hazard_id
        WHERE h.id IN (SELECT row_id::int FROM import_rows WHERE import_id = ${commit.body.id} AND table_name = 'hazards')
        ORDER BY t.id`);
      expect(steps).toEqual([
        { desc: '私拉电线', from: null, to: 'open', on: '2024-03-05' },
        { desc: '私拉电线', from: 'open', to: 'rectifying', on: '2024-03-05' },
        { desc: '私拉电线', from: 'rectifying', to: 'rectified', on: '2024-03-18' },
        { desc: '私拉电线', from: 'rectified', to: 'verified', on: '2024-03-25' },
        { desc: '楼道堆物', from: null, to: 'open', on: '2024-04-01' },
      ]);
      const open = await db.one<{ deadline: string; status: string }>(
        sql`SELECT deadline::text, status::text FROM hazards WHERE description = '楼道堆物' ORDER BY id DESC LIMIT 1`,
      );
      expect(open).toEqual({ deadline: '2024-05-01', status: 'open' });
      const again = await post('/api/import/hazards?dryRun=1', 'hazards.csv', csvUtf8(rows.slice(0, 3)));
      expect(again.body).toMatchObject({ insert: 0, unchanged: 2 });
      expect((await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' })).status).toBe(200);
      expect(await md5('hazards')).toBe(hazardsBefore);
      expect(await md5('hazard_transitions')).toBe(stepsBefore);
      expect(await (await brigade.request('/api/hazards')).text()).toBe(layerBefore);
    });

    it('imports enforcement actions, refusing a fine without its amount, and undoes exactly', async () => {
      const before = await md5('enforcement_actions');
      const rows = [
        ['单位编号', '处罚类型', '罚款金额(元)', '处罚日期', '案由'],
        [sites[0] as string, '罚款', 5000, '2024-04-02', '逾期未改正'],
        [sites[1] as string, '临时查封', '', '2024-04-03', ''],
        [sites[2] as string, '罚款', '', '2024-04-04', ''],
      ];
      const preview = await post('/api/import/enforcement?dryRun=1', 'enf.csv', csvUtf8(rows));
      expect(preview.body.errors.map((e: Json) => [e.row, e.column])).toEqual([[4, '罚款金额(元)']]);
      const commit = await post('/api/import/enforcement?skipInvalid=1', 'enf.csv', csvUtf8(rows));
      expect(commit.body).toMatchObject({ inserted: 2, skipped: 1 });
      expect((await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' })).status).toBe(200);
      expect(await md5('enforcement_actions')).toBe(before);
    });
  });
}

recordsSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => recordsSuite('postgres', openPostgresTestDb));
