/**
 * Exports of every import layer, both engines: a file exported in a system, imported again in that
 * system, changes nothing (every row "unchanged": same values, the point within 5 cm) — for each
 * format and for WGS84, GCJ-02, BD-09 and EPSG:4547; KML is well-formed and escapes text; record
 * exports are narrowed to a township user's township.
 */
import { DOMParser } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { uploadForm } from '../helpers/import-files';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in assertions
type Json = Record<string, any>;

function exportSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`layer exports on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    let counts: Record<string, number>;

    const file = async (client: TestClient, path: string) => {
      const res = await client.request(path);
      expect(res.status, path).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };
    const reimport = async (layer: string, name: string, bytes: Uint8Array, crs: string) => {
      const res = await brigade.request(`/api/import/${layer}?dryRun=1&crs=${crs}`, {
        method: 'POST',
        body: uploadForm(name, bytes),
      });
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
      return body;
    };

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
      counts = (await (await brigade.request('/api/health')).json()).counts as Record<string, number>;
    });
    afterAll(async () => {
      await db?.close();
    });

    for (const crs of ['wgs84', 'gcj02', 'bd09', 'epsg:4547']) {
      it(`hydrants and units exported in ${crs} as every format import back unchanged`, async () => {
        for (const layer of ['hydrants', 'units']) {
          for (const format of ['csv', 'xlsx', 'geojson', 'kml']) {
            const bytes = await file(brigade, `/api/export/${layer}?format=${format}&crs=${crs}`);
            const body = await reimport(layer, `${layer}.${format}`, bytes, crs);
            expect(body.rows, `${layer} ${format} ${crs}`).toEqual({
              read: counts[layer],
              valid: counts[layer],
              invalid: 0,
            });
            expect(
              { insert: body.insert, update: body.update, unchanged: body.unchanged },
              `${layer} ${format} ${crs}`,
            ).toEqual({
              insert: 0,
              update: 0,
              unchanged: counts[layer],
            });
          }
        }
      });
    }

    it('sites exported as CSV in GCJ-02 import back unchanged', async () => {
      const bytes = await file(brigade, '/api/export/sites?format=csv&crs=gcj02');
      const body = await reimport('sites', 'sites.csv', bytes, 'gcj02');
      expect(body).toMatchObject({ insert: 0, update: 0, unchanged: counts.sites });
    });

    it('writes well-formed KML with its Chinese headers and an xlsx with the import headers', async () => {
      const kml = new TextDecoder().decode(await file(brigade, '/api/export/units?format=kml&crs=gcj02'));
      const doc = new DOMParser().parseFromString(kml, 'text/xml');
      expect(doc.getElementsByTagName('Placemark').length).toBe(counts.units);
      expect(kml).toContain('<Data name="名称">');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(
        Buffer.from(await file(brigade, '/api/export/hydrants?format=xlsx')) as unknown as ArrayBuffer,
      );
      expect(book.worksheets[0]?.getRow(1).values).toEqual([
        undefined,
        '编号',
        '类型',
        '状态',
        '流量(L/s)',
        '压力(MPa)',
        '建设日期',
        '最近检查日期',
        '所在道路',
        '经度',
        '纬度',
      ]);
    });

    it('exports records to their readers only, a township user its own township', async () => {
      const all = new TextDecoder().decode(await file(brigade, '/api/export/records/enforcement?format=csv'));
      const own = new TextDecoder().decode(await file(township, '/api/export/records/enforcement?format=csv'));
      expect(own.split('\r\n').length).toBeLessThan(all.split('\r\n').length);
      expect((await township.request(`/api/export/records/hazards?format=csv&township=411121100`)).status).toBe(403);
      expect((await brigade.request('/api/export/records/hazards?format=kml')).status).toBe(400);
      expect((await brigade.request('/api/export/hazards?format=csv')).status).toBe(404);
    });
  });
}

exportSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => exportSuite('postgres', openPostgresTestDb));
