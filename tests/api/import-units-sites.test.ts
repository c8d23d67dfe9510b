/**
 * Units and sites through the same pipeline, both engines: each layer's column names and values
 * are read, rows land in the right township, and undo gives back the layer answer byte for byte.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { fromWgs84 } from '../../server/geo/crs/convert';
import { csvUtf8, uploadForm, xlsx } from '../helpers/import-files';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in assertions
type Json = Record<string, any>;

function layersSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`units and sites import on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let sitePoints: { lon: number; lat: number; township: string }[];

    const post = async (path: string, name: string, bytes: Uint8Array) => {
      const res = await brigade.request(path, { method: 'POST', body: uploadForm(name, bytes) });
      return { status: res.status, body: (await res.json()) as Json };
    };

    beforeAll(async () => {
      db = await open();
      brigade = await signedIn(createApp(db), db, 'brigade');
      sitePoints = await db.rows(
        sql`SELECT ST_X(geom) + 0.0004 AS lon, ST_Y(geom) AS lat, township_code AS township FROM sites ORDER BY id LIMIT 40`,
      );
    });
    afterAll(async () => {
      await db?.close();
    });

    it('imports units from xlsx (kinds, grades, equipment lists) and undoes them exactly', async () => {
      const before = await (await brigade.request('/api/units')).text();
      const [x, y] = fromWgs84('bd09', [113.600766, 33.439342]);
      const [x2, y2] = fromWgs84('bd09', [113.6026, 33.4365]);
      const rows = [
        [
          '单位编号',
          '队站名称',
          '队站类型',
          '站级',
          '执勤状态',
          '人员数',
          '消防车',
          '主要装备',
          '出动时间(秒)',
          '详细地址',
          '经度',
          '纬度',
        ],
        ['UN-IMP-1', '人民路微型消防站', '微站', '', '执勤', 6, 1, '手抬机动泵、灭火器，水带', 45, '人民路 1 号', x, y],
        ['UN-IMP-2', '北京路消防救援站', '消防站', '二级站', '规划', 30, 5, '', '', '', x2, y2],
      ];
      const preview = await post('/api/import/units?dryRun=1&crs=bd09', 'units.xlsx', await xlsx(rows));
      expect(preview.status, JSON.stringify(preview.body).slice(0, 300)).toBe(200);
      expect(preview.body.errors).toEqual([]);
      expect(preview.body.insert).toBe(2);
      const commit = await post('/api/import/units?crs=bd09', 'units.xlsx', await xlsx(rows));
      expect(commit.status).toBe(201);
      const got =
        await db.rows(sql`SELECT code, kind, grade, status, staff, vehicles, equipment, turnout_s AS "turnoutS",
        round(ST_X(geom)::numeric, 6)::float8 AS lon, round(ST_Y(geom)::numeric, 6)::float8 AS lat
        FROM units WHERE code LIKE 'UN-IMP-%' ORDER BY code`);
      expect(got).toEqual([
        {
          code: 'UN-IMP-1',
          kind: 'micro_station',
          grade: null,
          status: 'in_service',
          staff: 6,
          vehicles: 1,
          equipment: ['手抬机动泵', '灭火器', '水带'],
          turnoutS: 45,
          lon: 113.600766,
          lat: 33.439342,
        },
        {
          code: 'UN-IMP-2',
          kind: 'station',
          grade: '二级',
          status: 'planned',
          staff: 30,
          vehicles: 5,
          equipment: [],
          turnoutS: 60,
          lon: 113.6026,
          lat: 33.4365,
        },
      ]);
      expect((await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' })).status).toBe(200);
      expect(await (await brigade.request('/api/units')).text()).toBe(before);
    });

    it('imports sites into the township they stand in, refuses a required name left empty, and undoes exactly', async () => {
      const before = await (await brigade.request('/api/sites')).text();
      const rows: (string | number)[][] = [
        ['场所编号', '单位名称', '场所类型', '风险等级', '地址', '层数', '建筑高度', '经度', '纬度'],
        ...sitePoints.map((p, i) => [
          `ST-IMP-${i}`,
          `导入场所${i}`,
          i % 2 ? '九小' : '医院',
          i % 4 ? '三级' : '高',
          '',
          3,
          12.5,
          p.lon,
          p.lat,
        ]),
        ['ST-IMP-X', '', '九小', '2', '', '', '', sitePoints[0]?.lon as number, sitePoints[0]?.lat as number],
      ];
      const preview = await post('/api/import/sites?dryRun=1&crs=wgs84', 'sites.csv', csvUtf8(rows));
      expect(preview.status).toBe(200);
      expect(preview.body.errors.map((e: Json) => [e.row, e.column])).toEqual([[rows.length, '单位名称']]);
      const commit = await post('/api/import/sites?crs=wgs84&skipInvalid=1', 'sites.csv', csvUtf8(rows));
      expect(commit.status).toBe(201);
      expect(commit.body).toMatchObject({ inserted: sitePoints.length, skipped: 1 });
      const placed = await db.rows<{ code: string; township: string; category: string; risk: number }>(
        sql`SELECT code, township_code AS township, category::text, risk_level AS risk FROM sites WHERE code LIKE 'ST-IMP-%' ORDER BY id`,
      );
      expect(placed.map((p) => p.township)).toEqual(sitePoints.map((p) => p.township));
      expect(placed[0]).toMatchObject({ category: 'medical', risk: 4 });
      expect(placed[1]).toMatchObject({ category: 'nine_small', risk: 3 });
      expect((await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' })).status).toBe(200);
      expect(await (await brigade.request('/api/sites')).text()).toBe(before);
    });
  });
}

layersSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => layersSuite('postgres', openPostgresTestDb));
