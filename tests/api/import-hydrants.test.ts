/**
 * The import pipeline on the hydrants layer, both engines (issue 12 "Tests and oracles"):
 * detection on files made from the demo hydrants shifted into each system; every bad row reported
 * with row and column and nothing written (md5 of the table); GBK and UTF-8 give the same preview;
 * every format reads the same rows; import then undo → the layer answer byte-identical (its row versions move on); undo
 * refused when a later change touched a row; bad files → 4xx, nothing written.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { fromWgs84 } from '../../server/geo/crs/convert';
import type { CrsId } from '../../server/geo/crs/systems';
import {
  csvGbk,
  csvUtf8,
  type Grid,
  geojson,
  kml,
  kmz,
  type PointRow,
  shapefileZip,
  uploadForm,
  xlsx,
} from '../helpers/import-files';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in assertions
type Json = Record<string, any>;
const HEADER = ['编号', '类型', '状态', '流量(L/s)', '所在道路', '经度', '纬度'];

function importSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`hydrant import on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    let demo: { code: string; lon: number; lat: number; township: string | null }[];

    const post = async (client: TestClient, path: string, name: string, bytes: Uint8Array, mapping?: Json) => {
      const res = await client.request(path, { method: 'POST', body: uploadForm(name, bytes, mapping) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const dryRun = (name: string, bytes: Uint8Array, query = '', client = brigade) =>
      post(client, `/api/import/hydrants?dryRun=1${query}`, name, bytes);
    /**
     * Every row and column of the table but the row version: undo puts every value back, and the
     * version (+1 on every UPDATE, the If-Match of edits) moves on, as for any other change.
     */
    const tableMd5 = async (table = 'hydrants') =>
      (
        await db.one<{ m: string }>(
          sql`SELECT md5(string_agg((to_jsonb(t) - 'version')::text, '|' ORDER BY id)) AS m FROM ${sql.identifier(table)} t`,
        )
      ).m;
    const importCount = async () => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM imports`)).n;
    /**
     * The layer answer with the row versions taken out, and the versions by id. An undo is a new
     * change: the rows it restores get a higher version (an If-Match must never meet an old
     * version number again), everything else comes back byte for byte.
     */
    const layerText = async () => {
      const fc = JSON.parse(await (await brigade.request('/api/hydrants')).text()) as {
        features: { properties: { id: number; version?: number } }[];
      };
      const versions = new Map(fc.features.map((f) => [f.properties.id, f.properties.version]));
      for (const f of fc.features) delete f.properties.version;
      return { text: JSON.stringify(fc), versions };
    };

    /** Rows of new hydrants at the demo hydrants' places (sample), shifted into `system`. */
    const grid = (system: CrsId, options: { swap?: boolean; every?: number; prefix?: string } = {}): Grid => [
      HEADER,
      ...demo
        .filter((_, i) => i % (options.every ?? 5) === 0)
        .map((h, i) => {
          const [a, b] = fromWgs84(system, [h.lon, h.lat]);
          const [x, y] = options.swap ? [b, a] : [a, b];
          return [`${options.prefix ?? 'IMP'}-${i}`, '市政消火栓', '完好', 15, '测试路', x, y];
        }),
    ];

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
      demo = await db.rows(
        sql`SELECT code, ST_X(geom) AS lon, ST_Y(geom) AS lat, township_code AS township FROM hydrants ORDER BY id`,
      );
    });
    afterAll(async () => {
      await db?.close();
    });

    const SYSTEMS: [CrsId, boolean][] = [
      ['wgs84', false],
      ['gcj02', false],
      ['bd09', false],
      ['bd09mc', false],
      ['epsg:4547', false],
      ['epsg:4526', false],
      ['gcj02', true],
      ['epsg:4547', true],
    ];
    for (const [system, swap] of SYSTEMS) {
      it(`detects ${system}${swap ? ' with swapped columns' : ''} from the demo hydrants shifted into it`, async () => {
        const { status, body } = await dryRun(`h-${system}.csv`, csvUtf8(grid(system, { swap })));
        expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
        const d = body.detected;
        console.log(
          `detection ${engine} ${system}${swap ? ' swapped' : ''}: ${d.reason} | ${JSON.stringify(d.evidence.candidates)}`,
        );
        expect(d.uncertain).toBe(false);
        expect(d.crs).toBe(system);
        expect(d.swapAxes).toBe(swap);
        expect(body.rows).toEqual({ read: grid(system).length - 1, valid: grid(system).length - 1, invalid: 0 });
        // The converted points land where the demo hydrants stand (≤ 0.1 m: the kernel's round trip).
        const sample = demo.filter((_, i) => i % 5 === 0);
        for (const p of body.points.slice(0, 50)) {
          const h = sample[Number(String(p.code).slice(4))] as { lon: number; lat: number };
          expect(Math.abs(p.lon - h.lon) * 93_000).toBeLessThan(0.1);
          expect(Math.abs(p.lat - h.lat) * 111_000).toBeLessThan(0.1);
        }
      });
    }

    it('says "uncertain" for points far from every road, and refuses to commit them under crs=auto', async () => {
      // A 1.1 km grid of points, each moved to the middle of its cell: rarely within metres of a road.
      const rows: Grid = [HEADER];
      for (let i = 0; i < 6; i++)
        for (let j = 0; j < 6; j++)
          rows.push([
            `FAR-${i}-${j}`,
            '天然水源',
            '完好',
            '',
            '',
            113.52 + i * 0.0113 + 0.0041,
            33.4 + j * 0.0097 + 0.0037,
          ]);
      const { status, body } = await dryRun('far.csv', csvUtf8(rows));
      expect(status).toBe(200);
      console.log(`detection ${engine} far points: ${body.detected.reason}`);
      expect(body.detected.uncertain).toBe(true);
      expect(body.detected.crs).toBeNull();
      const before = await tableMd5();
      const commit = await post(brigade, '/api/import/hydrants', 'far.csv', csvUtf8(rows));
      expect(commit.status).toBe(422);
      expect(commit.body.error.message).toMatch(/坐标系/);
      expect(await tableMd5()).toBe(before);
    });

    it('reports every bad row with its row number and column, and a commit writes nothing', async () => {
      const [lon, lat] = [demo[3]?.lon as number, demo[3]?.lat as number];
      const rows: Grid = [
        HEADER,
        ['BAD-OK', '市政消火栓', '完好', 15, '', lon, lat], // row 2: valid
        ['', '市政消火栓', '完好', 15, '', lon + 0.001, lat], // 3: code empty
        ['BAD-4', '喷泉', '完好', 15, '', lon + 0.002, lat], // 4: kind
        ['BAD-5', '市政消火栓', '很好', 15, '', lon + 0.003, lat], // 5: status
        ['BAD-6', '市政消火栓', '完好', '十五', '', lon + 0.004, lat], // 6: flow not a number
        ['BAD-7', '市政消火栓', '完好', -3, '', lon + 0.005, lat], // 7: flow negative
        ['BAD-8', '市政消火栓', '完好', 15, '', '113°61′', lat], // 8: DMS minutes out of range
        ['BAD-9', '市政消火栓', '完好', 15, '', '', lat], // 9: longitude empty
        ['BAD-10', '市政消火栓', '完好', 15, '', 114.4, 34.2], // 10: outside the county
        ['BAD-OK', '市政消火栓', '完好', 15, '', lon + 0.006, lat], // 11: code repeats row 2
        ['BAD-12', '市政消火栓', '完好', 15, '<script>alert(1)</script>\u0000', lon + 0.007, lat], // 12: NUL
      ];
      const before = await tableMd5();
      const { status, body } = await dryRun('bad.csv', csvUtf8(rows), '&crs=wgs84');
      expect(status).toBe(200);
      const where = body.errors.map((e: Json) => [e.row, e.column]);
      expect(where).toEqual([
        [3, '编号'],
        [4, '类型'],
        [5, '状态'],
        [6, '流量(L/s)'],
        [7, '流量(L/s)'],
        [8, '经度'],
        [9, '经度'],
        [10, '经度'],
        [11, '编号'],
        [12, '所在道路'],
      ]);
      for (const e of body.errors) {
        expect(e.zh.length).toBeGreaterThan(1);
        expect(e.en.length).toBeGreaterThan(1);
        expect(e.message).toBe(`${e.zh} (${e.en})`);
      }
      expect(body.rows).toEqual({ read: 11, valid: 1, invalid: 10 });
      expect(body.outsideCounty).toBe(1);
      expect(body.duplicates).toContainEqual(expect.objectContaining({ row: 11, kind: 'code-in-file', firstRow: 2 }));
      const commit = await post(brigade, '/api/import/hydrants?crs=wgs84', 'bad.csv', csvUtf8(rows));
      expect(commit.status).toBe(422);
      expect(commit.body.error.details.invalidRows).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(await tableMd5()).toBe(before);
    });

    it('reads GBK and UTF-8 CSV of the same rows into identical previews', async () => {
      const rows = grid('gcj02', { every: 9, prefix: '中文' });
      rows[1] = ['中文-0', '消防水鹤', '故障', 20, '人民路（东段）', rows[1]?.[5] as number, rows[1]?.[6] as number];
      const utf = await dryRun('utf8.csv', csvUtf8(rows));
      const gbk = await dryRun('gbk.csv', csvGbk(rows));
      expect(utf.status).toBe(200);
      expect(gbk.status).toBe(200);
      expect(gbk.body.file.encoding).toBe('gb18030');
      expect(utf.body.file.encoding).toBe('utf-8');
      const strip = (b: Json) => ({ ...b, file: undefined });
      expect(strip(gbk.body)).toEqual(strip(utf.body));
      expect(utf.body.points[0]).toMatchObject({ code: '中文-0' });
    });

    it('reads xlsx (with a title row), GeoJSON, KML, KMZ and zipped Shapefiles (UTF-8 and GBK .cpg) into the same rows', async () => {
      const rows = grid('wgs84', { every: 20, prefix: 'FMT' });
      const points: PointRow[] = rows.slice(1).map((r) => ({
        x: r[5] as number,
        y: r[6] as number,
        properties: {
          编号: r[0] as string,
          类型: r[1] as string,
          状态: r[2] as string,
          流量: r[3] as number,
          道路: r[4] as string,
        },
      }));
      const files: [string, Uint8Array, string][] = [
        ['sheet.xlsx', await xlsx(rows, '舞阳县消火栓台账'), 'xlsx'],
        ['points.geojson', geojson(points), 'geojson'],
        ['ovital.kml', kml(points), 'kml'],
        ['ovital.kmz', kmz(points), 'kmz'],
        ['points.zip', shapefileZip(points), 'shapefile'],
        ['points-gbk.zip', shapefileZip(points, { encoding: 'gbk' }), 'shapefile'],
      ];
      const reference = await dryRun('ref.csv', csvUtf8(rows));
      for (const [name, bytes, format] of files) {
        const { status, body } = await dryRun(name, bytes);
        expect(status, `${name}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
        expect(body.file.format).toBe(format);
        expect(body.rows, name).toEqual(reference.body.rows);
        expect(body.detected.crs, name).toBe('wgs84');
        expect(
          body.points.map((p: Json) => [p.code, p.lon.toFixed(7), p.lat.toFixed(7)]),
          name,
        ).toEqual(reference.body.points.map((p: Json) => [p.code, p.lon.toFixed(7), p.lat.toFixed(7)]));
      }
    });

    it('a zipped Shapefile in EPSG:4547 with its .prj arrives in WGS84', async () => {
      const rows = grid('epsg:4547', { every: 20, prefix: 'PRJ' });
      const points: PointRow[] = rows
        .slice(1)
        .map((r) => ({ x: r[5] as number, y: r[6] as number, properties: { 编号: r[0] as string } }));
      const prj =
        'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
      const { status, body } = await dryRun('gk.zip', shapefileZip(points, { prj }));
      expect(status).toBe(200);
      expect(body.detected.crs).toBe('wgs84');
      expect(body.file.declaredCrs).toMatch(/prj/);
      const sample = demo.filter((_, i) => i % 20 === 0);
      for (const [i, p] of body.points.entries()) {
        expect(Math.abs(p.lon - (sample[i]?.lon as number)) * 93_000).toBeLessThan(0.5);
      }
    });

    it('commits inserts and updates in one import, and undo gives back the layer byte for byte (row versions move on)', async () => {
      const before = await layerText();
      const beforeMd5 = await tableMd5();
      const [a, b] = demo as [(typeof demo)[0], (typeof demo)[0]];
      const [ga, gb] = [fromWgs84('gcj02', [a.lon, a.lat]), fromWgs84('gcj02', [b.lon, b.lat])];
      const rows: Grid = [
        ...grid('gcj02', { every: 7, prefix: 'NEW' }),
        [a.code, '市政消火栓', '故障', 9, '改过的路', ga[0], ga[1]],
        [b.code, '市政消火栓', '停用', '', '', gb[0], gb[1]],
      ];
      const preview = await dryRun('commit.csv', csvUtf8(rows));
      expect(preview.body.update).toBe(2);
      expect(preview.body.insert).toBe(rows.length - 3);
      const commit = await post(brigade, '/api/import/hydrants', 'commit.csv', csvUtf8(rows));
      expect(commit.status, JSON.stringify(commit.body)).toBe(201);
      expect(commit.body).toMatchObject({ inserted: rows.length - 3, updated: 2 });
      const changed = await db.one<{ status: string; road: string }>(
        sql`SELECT status, road_name AS road FROM hydrants WHERE code = ${a.code}`,
      );
      expect(changed).toEqual({ status: 'faulty', road: '改过的路' });
      const record = await brigade.request(`/api/imports/${commit.body.id}`);
      const rec = (await record.json()) as Json;
      expect(rec).toMatchObject({
        layer: 'hydrants',
        fileName: 'commit.csv',
        format: 'csv',
        crsDetected: 'gcj02',
        crsChosen: 'gcj02',
        inserted: rows.length - 3,
        updated: 2,
      });
      expect(rec.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(rec.actor).toBe(brigade.username);
      const list = (await (await brigade.request('/api/imports')).json()) as Json;
      expect(list.imports[0].id).toBe(commit.body.id);
      const audit = await db.one<{ action: string; ok: boolean }>(
        sql`SELECT action, ok FROM audit_log ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toEqual({ action: 'import.hydrants', ok: true });
      // Importing the same file again changes nothing.
      const again = await dryRun('commit.csv', csvUtf8(rows));
      expect(again.body).toMatchObject({ insert: 0, update: 0, unchanged: rows.length - 1 });

      const undo = await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' });
      expect(undo.status).toBe(200);
      expect(await undo.json()).toMatchObject({ deleted: rows.length - 3, restored: 2 });
      expect(await tableMd5()).toBe(beforeMd5);
      const back = await layerText();
      expect(back.text).toBe(before.text);
      const updatedIds = await db.rows<{ id: number }>(
        sql`SELECT id FROM hydrants WHERE code IN (${a.code}, ${b.code})`,
      );
      for (const [id, v] of before.versions) {
        const restored = updatedIds.some((u) => u.id === id);
        if (restored) expect(back.versions.get(id) as number).toBeGreaterThan(v as number);
        else expect(back.versions.get(id), `hydrant ${id}`).toBe(v);
      }
      const twice = await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' });
      expect(twice.status).toBe(409);
    });

    it('refuses an undo when a later change touched a row of the import, naming it', async () => {
      const rows = grid('wgs84', { every: 50, prefix: 'LATE' });
      const commit = await post(brigade, '/api/import/hydrants', 'late.csv', csvUtf8(rows));
      expect(commit.status).toBe(201);
      await db.rows(sql`UPDATE hydrants SET status = 'faulty' WHERE code = 'LATE-1'`);
      const before = await tableMd5();
      const undo = await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' });
      expect(undo.status).toBe(409);
      const body = (await undo.json()) as Json;
      expect(body.error.message).toContain('LATE-1');
      expect(body.error.details.conflicts).toEqual([expect.objectContaining({ code: 'LATE-1', state: 'changed' })]);
      expect(await tableMd5()).toBe(before);
      // Changed back by hand, the row is still one a later writer touched (its version moved): still refused.
      await db.rows(sql`UPDATE hydrants SET status = 'ok' WHERE code = 'LATE-1'`);
      expect((await brigade.request(`/api/imports/${commit.body.id}/undo`, { method: 'POST' })).status).toBe(409);
      // Clean up by hand (the PostgreSQL test database outlives the run).
      await db.rows(sql`DELETE FROM import_rows WHERE import_id = ${commit.body.id}`);
      await db.rows(sql`UPDATE imports SET undone_at = now() WHERE id = ${commit.body.id}`);
      await db.rows(sql`DELETE FROM hydrants WHERE code LIKE 'LATE-%'`);
    });

    it('lets a township user import rows of its own township only', async () => {
      const own = demo.filter((h) => h.township === XINAN).slice(0, 6);
      const other = demo.find((h) => h.township !== null && h.township !== XINAN) as (typeof demo)[0];
      const rows: Grid = [
        HEADER,
        ...own.map((h, i) => [`TWN-${i}`, '市政消火栓', '完好', '', '', h.lon, h.lat]),
        ['TWN-X', '市政消火栓', '完好', '', '', other.lon, other.lat],
      ];
      const { status, body } = await dryRun('twn.csv', csvUtf8(rows), '&crs=wgs84', township);
      expect(status).toBe(200);
      expect(body.errors.map((e: Json) => e.row)).toEqual([rows.length]);
      expect(body.errors[0].en).toMatch(/own township/);
      const before = await tableMd5();
      const refused = await post(township, '/api/import/hydrants?crs=wgs84', 'twn.csv', csvUtf8(rows));
      expect(refused.status).toBe(422);
      expect(await tableMd5()).toBe(before);
      const skipped = await post(township, '/api/import/hydrants?crs=wgs84&skipInvalid=1', 'twn.csv', csvUtf8(rows));
      expect(skipped.status).toBe(201);
      expect(skipped.body).toMatchObject({ inserted: own.length, skipped: 1 });
      // Others' imports are not in a township user's list; its own undo works.
      const list = (await (await township.request('/api/imports')).json()) as Json;
      expect(list.imports.every((r: Json) => r.actor === township.username)).toBe(true);
      expect((await township.request(`/api/imports/${skipped.body.id}/undo`, { method: 'POST' })).status).toBe(200);
    });

    it('refuses bad files with a 4xx and writes nothing', async () => {
      const before = await tableMd5();
      const imports = await importCount();
      const big = new Uint8Array(31 * 1024 * 1024).fill(0x31);
      const cases: [string, Uint8Array, number, RegExp][] = [
        ['empty.csv', new Uint8Array(0), 400, /为空/],
        ['photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]), 400, /binary|二进制/],
        ['report.pdf', new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj'), 415, /extension|扩展名/],
        [
          'locked.xlsx',
          new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
          415,
          /加密|encrypted/,
        ],
        [
          'nocoords.csv',
          csvUtf8([
            ['编号', '名称'],
            ['A', 'b'],
          ]),
          400,
          /坐标列|coordinate columns/,
        ],
        ['header-only.csv', csvUtf8([HEADER]), 400, /没有数据行|no data rows/],
        ['broken.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]), 400, /压缩|zip/],
        ['bad.geojson', new TextEncoder().encode('{"type": "Feature'), 400, /JSON/],
        ['huge.csv', big, 413, /MB/],
      ];
      for (const [name, bytes, status, message] of cases) {
        const res = await post(brigade, '/api/import/hydrants', name, bytes);
        expect(res.status, `${name}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(status);
        expect(res.body.error.message, name).toMatch(message);
      }
      const json = await brigade.request('/api/import/hydrants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(json.status).toBe(415);
      expect(
        (
          await brigade.request('/api/import/nothing?dryRun=1', {
            method: 'POST',
            body: uploadForm('a.csv', csvUtf8(grid('wgs84'))),
          })
        ).status,
      ).toBe(400);
      expect(await tableMd5()).toBe(before);
      expect(await importCount()).toBe(imports);
    });

    it('serves the Excel template, and the template itself imports as one valid row', async () => {
      const res = await brigade.request('/api/import/hydrants/template.xlsx');
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const ExcelJS = (await import('exceljs')).default;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(['数据', '说明']);
      expect(book.getWorksheet('数据')?.getRow(1).values).toContain('经度');
      const { status, body } = await dryRun('模板.xlsx', bytes, '&crs=wgs84');
      expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
      expect(body.rows).toEqual({ read: 1, valid: 1, invalid: 0 });
      expect(body.mapping.ambiguous).toEqual([]);
    });
  });
}

importSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => importSuite('postgres', openPostgresTestDb));
