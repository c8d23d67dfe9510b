/**
 * Township work records through the import pipeline (issue 15 §1), both engines: patrols (a site by
 * code or name, or a free address with a point), trainings (a township by name or code) and village
 * visits (a village by name or code within its township), from CSV (UTF-8, GBK) and xlsx. Bad rows
 * of every class are named by row and column and nothing is written; a township user's rows of
 * another township are refused with the reason; the bulletin's counts for the window move by exactly
 * the imported rows (oracle: SQL over the tables); undo gives the bulletin back byte for byte.
 */
import { type SQL, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { fromWgs84 } from '../../server/geo/crs/convert';
import { csvGbk, csvUtf8, type Grid, uploadForm, xlsx } from '../helpers/import-files';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in assertions
type Json = Record<string, any>;

const FROM = '2023-07-17';
const TO = '2023-07-23';
const WINDOW = `from=${FROM}&to=${TO}`;
const MARK = '导入测试-乡镇工作';

function workSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`township work import on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    let other: { code: string; name: string };
    let xinanName: string;
    const undoIds: number[] = [];

    const post = async (who: TestClient, path: string, name: string, bytes: Uint8Array) => {
      const res = await who.request(path, { method: 'POST', body: uploadForm(name, bytes) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const md5 = async (table: string) =>
      (
        await db.one<{ m: string | null }>(
          sql`SELECT md5(string_agg(row_to_json(t)::text, '|' ORDER BY id)) AS m FROM ${sql.identifier(table)} t`,
        )
      ).m;
    const bulletinJson = async () => (await brigade.request(`/api/bulletin?${WINDOW}`)).text();
    /**
     * The .docx's parts, byte for byte, but for what the docx library makes differ between two files
     * of the same data: the creation time (docProps/core.xml) and its process-wide drawing counter (docPr id).
     */
    const bulletinXml = async () => {
      const res = await brigade.request(`/api/bulletin.docx?${WINDOW}`);
      const parts = unzipSync(new Uint8Array(await res.arrayBuffer()));
      delete parts['docProps/core.xml'];
      const doc = strFromU8(parts['word/document.xml'] as Uint8Array).replace(/<wp:docPr id="\d+"/g, '<wp:docPr id=""');
      delete parts['word/document.xml'];
      const rest = Object.entries(parts).map(([name, bytes]) => `${name}:${Buffer.from(bytes).toString('base64')}`);
      return [doc, ...rest].join('\n');
    };
    const countsOf = (text: string): Map<string, Json> =>
      new Map(((JSON.parse(text) as Json).townships as Json[]).map((t) => [t.code as string, t]));
    const counts = async () => countsOf(await bulletinJson());
    /** The township figures written out in SQL: distinct places (a site by id, a free place by address), rows. */
    const oracle = async (): Promise<Map<string, Json>> => {
      const w = (col: string) => sql`${sql.raw(col)} >= ${FROM}::date AND ${sql.raw(col)} <= ${TO}::date`;
      const rows = await db.rows<Json>(sql`SELECT t.code,
        (SELECT count(*) FROM (SELECT DISTINCT p.site_id, CASE WHEN p.site_id IS NULL THEN p.address END FROM patrols p
           WHERE p.township_code = t.code AND ${w('p.patrolled_on')}) x)::int AS "patrolledPlaces",
        (SELECT count(*) FROM trainings r WHERE r.township_code = t.code AND ${w('r.held_on')})::int AS trainings,
        (SELECT count(*) FROM village_visits v WHERE v.township_code = t.code AND ${w('v.visited_on')})::int AS "villageVisits"
        FROM townships t ORDER BY t.code`);
      return new Map(rows.map((r) => [r.code as string, r]));
    };
    const expectBulletinEqualsOracle = async (b: Map<string, Json>) => {
      const o = await oracle();
      for (const [code, row] of o) {
        expect(b.get(code), code).toMatchObject(row);
      }
    };
    const undo = async (id: number) => {
      const res = await brigade.request(`/api/imports/${id}/undo`, { method: 'POST' });
      expect(res.status, await res.clone().text()).toBe(200);
      undoIds.splice(undoIds.indexOf(id), 1);
    };
    const one = async <T extends Json>(q: SQL) => db.one<T>(q);

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
      other = await one<{ code: string; name: string }>(
        sql`SELECT code, name FROM townships WHERE code <> ${XINAN} ORDER BY code LIMIT 1`,
      );
      xinanName = (await one<{ name: string }>(sql`SELECT name FROM townships WHERE code = ${XINAN}`)).name;
    });
    afterAll(async () => {
      // A failed assertion must not leave imported rows in the shared PostgreSQL database.
      for (const id of [...undoIds]) await brigade.request(`/api/imports/${id}/undo`, { method: 'POST' });
      await db?.close();
    });

    it('imports patrols at sites (code or name) and free addresses, names bad rows, moves the bulletin by the rows, undoes exactly', async () => {
      // Sites of 辛安镇 and of another township not patrolled in the window, with names no other site
      // has (picked here: PGlite, without statistics, plans the one-query form badly).
      const sites = await db.rows<{ id: number; code: string; name: string; township: string }>(
        sql`SELECT id, code, name, township_code AS township FROM sites ORDER BY id`,
      );
      const busy = new Set(
        (
          await db.rows<{ id: number }>(sql`SELECT DISTINCT site_id AS id FROM patrols
            WHERE site_id IS NOT NULL AND patrolled_on BETWEEN ${FROM}::date AND ${TO}::date`)
        ).map((r) => r.id),
      );
      const named = new Map<string, number>();
      for (const x of sites) named.set(x.name, (named.get(x.name) ?? 0) + 1);
      const unpatrolled = (code: string) => {
        const hit = sites.find((x) => x.township === code && !busy.has(x.id) && named.get(x.name) === 1);
        if (!hit) throw new Error(`no unpatrolled site with a unique name in ${code}`);
        return hit;
      };
      const a = unpatrolled(XINAN);
      const b = unpatrolled(other.code);
      const inside = await one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ST_PointOnSurface(geom) AS g FROM townships WHERE code = ${XINAN}) x`,
      );
      const header = ['场所', '地址', '巡查日期', '巡查人', '发现隐患数', '备注', '经度', '纬度'];
      const good: Grid = [
        [a.code, '', '2023-07-18', '王建国', 1, MARK, '', ''], // 2: a site by code
        [b.name, '', '2023/7/19', '李明', '', MARK, '', ''], // 3: a site by name, another township
        ['', `${MARK}沿街门店`, '2023年7月20日', '王建国', 0, MARK, inside.lon.toFixed(6), inside.lat.toFixed(6)], // 4
      ];
      const bad: Grid = [
        ['ST-NONE', '', '2023-07-18', '王建国', 0, '', '', ''], // 5: no such site
        ['', `${MARK}无坐标`, '2023-07-18', '王建国', 0, '', '', ''], // 6: an address without a point
        [a.code, '', '2023-02-30', '王建国', 0, '', '', ''], // 7: no such day
        [a.code, '', '2023-07-19', '王建国', -1, '', '', ''], // 8: negative count
        ['', `${MARK}县外`, '2023-07-18', '王建国', 0, '', '120.100000', '30.200000'], // 9: outside the county
        [a.code, '', '2023-07-18', '王建国', 2, '', '', ''], // 10: the same patrol as row 2
        [a.code, '', '2023-07-21', '', 0, '', '', ''], // 11: no patroller
      ];
      const file = csvUtf8([header, ...good, ...bad]);
      const tableBefore = await md5('patrols');
      const bulletinBefore = await bulletinJson();
      const xmlBefore = await bulletinXml();
      const before = countsOf(bulletinBefore);

      const preview = await post(brigade, '/api/import/patrols?dryRun=1&crs=wgs84', 'patrols.csv', file);
      expect(preview.status, JSON.stringify(preview.body).slice(0, 400)).toBe(200);
      expect(preview.body.errors.map((e: Json) => [e.row, e.column])).toEqual([
        [5, '场所'],
        [6, '场所'],
        [7, '巡查日期'],
        [8, '发现隐患数'],
        [9, '经度'],
        [10, '场所'],
        [11, '巡查人'],
      ]);
      expect(preview.body).toMatchObject({ insert: 3, unchanged: 0, rows: { read: 10, valid: 3, invalid: 7 } });

      const refused = await post(brigade, '/api/import/patrols?crs=wgs84', 'patrols.csv', file);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('analysis_input');
      expect(refused.body.error.details.invalidRows).toEqual([5, 6, 7, 8, 9, 10, 11]);
      expect(await md5('patrols')).toBe(tableBefore);
      expect(await bulletinJson()).toBe(bulletinBefore);

      const commit = await post(brigade, '/api/import/patrols?skipInvalid=1&crs=wgs84', 'patrols.csv', file);
      expect(commit.status, JSON.stringify(commit.body)).toBe(201);
      undoIds.push(commit.body.id);
      expect(commit.body).toMatchObject({ inserted: 3, skipped: 7 });
      const stored = await db.rows<Json>(sql`SELECT township_code AS t, site_id IS NOT NULL AS site, address,
          ST_X(geom) AS x, ST_Y(geom) AS y, patrolled_on::text AS d, hazards_found AS n
        FROM patrols WHERE id::text IN (SELECT row_id FROM import_rows WHERE import_id = ${commit.body.id}) ORDER BY id`);
      expect(stored).toEqual([
        { t: XINAN, site: true, address: null, x: null, y: null, d: '2023-07-18', n: 1 },
        { t: other.code, site: true, address: null, x: null, y: null, d: '2023-07-19', n: 0 },
        {
          t: XINAN,
          site: false,
          address: `${MARK}沿街门店`,
          x: Number(inside.lon.toFixed(6)),
          y: Number(inside.lat.toFixed(6)),
          d: '2023-07-20',
          n: 0,
        },
      ]);
      const after = await counts();
      expect((after.get(XINAN)?.patrolledPlaces as number) - (before.get(XINAN)?.patrolledPlaces as number)).toBe(2);
      expect(
        (after.get(other.code)?.patrolledPlaces as number) - (before.get(other.code)?.patrolledPlaces as number),
      ).toBe(1);
      for (const [code, t] of after) {
        if (code === XINAN || code === other.code) continue;
        expect(t.patrolledPlaces, code).toBe(before.get(code)?.patrolledPlaces);
      }
      await expectBulletinEqualsOracle(after);

      const again = await post(brigade, '/api/import/patrols?dryRun=1', 'patrols.csv', csvUtf8([header, ...good]));
      expect(again.body).toMatchObject({ insert: 0, unchanged: 3 });

      await undo(commit.body.id);
      expect(await md5('patrols')).toBe(tableBefore);
      expect(await bulletinJson()).toBe(bulletinBefore);
      expect(await bulletinXml()).toBe(xmlBefore);
    });

    it('places a free address given in GCJ-02 (高德) where it is, in WGS84', async () => {
      const inside = await one<{ lon: number; lat: number }>(
        sql`SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ST_PointOnSurface(geom) AS g FROM townships WHERE code = ${XINAN}) x`,
      );
      const [x, y] = fromWgs84('gcj02', [inside.lon, inside.lat]);
      const file = csvUtf8([
        ['地址', '巡查日期', '巡查人', '经度', '纬度'],
        [`${MARK}高德坐标`, '2023-07-18', '王建国', x.toFixed(7), y.toFixed(7)],
      ]);
      const preview = await post(township, '/api/import/patrols?dryRun=1&crs=gcj02', 'p.csv', file);
      expect(preview.body.errors).toEqual([]);
      const [point] = preview.body.points as { lon: number; lat: number }[];
      expect(Math.abs((point?.lon ?? 0) - inside.lon)).toBeLessThan(2e-6);
      expect(Math.abs((point?.lat ?? 0) - inside.lat)).toBeLessThan(2e-6);
    });

    it("refuses a township user's patrol of another township's site, with the reason", async () => {
      const b = await one<{ code: string }>(
        sql`SELECT code FROM sites WHERE township_code = ${other.code} ORDER BY id LIMIT 1`,
      );
      const a = await one<{ code: string }>(
        sql`SELECT code FROM sites WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`,
      );
      const file = csvUtf8([
        ['场所编号', '巡查日期', '巡查人'],
        [a.code, '2023-07-18', MARK],
        [b.code, '2023-07-18', MARK],
      ]);
      const preview = await post(township, '/api/import/patrols?dryRun=1', 'p.csv', file);
      expect(preview.status).toBe(200);
      expect(preview.body.errors.map((e: Json) => [e.row, e.column, e.zh])).toEqual([
        [3, '场所编号', '不在本乡镇：乡镇账号只能导入本乡镇的记录'],
      ]);
      expect(preview.body.insert).toBe(1);
    });

    it('imports trainings (GBK CSV) by township name, short name or code; bad rows named; counts move by the rows; undo exact', async () => {
      const short = xinanName.replace(/(街道|镇|乡)$/, '');
      const rows: Grid = [
        ['乡镇', '日期', '类型', '地点', '人数', '备注'],
        [xinanName, '2023-07-18', '培训', `${MARK}镇政府会议室`, 45, MARK], // 2
        [short, '2023-07-19', '应急演练', `${MARK}中心学校`, 300, MARK], // 3
        [other.code, '2023-07-20', '横幅', `${MARK}集镇`, 12, MARK], // 4
        ['没有这个镇', '2023-07-20', '培训', `${MARK}某处`, 10, ''], // 5: unknown township
        [xinanName, '2023-07-20', '跳舞', `${MARK}某处`, 10, ''], // 6: not a kind
        [xinanName, '2023-07-20', '宣传', `${MARK}某处`, '', ''], // 7: no quantity
        [xinanName, '2023-07-18', '培训', `${MARK}镇政府会议室`, 50, ''], // 8: the same session as row 2
      ];
      const file = csvGbk(rows);
      const tableBefore = await md5('trainings');
      const bulletinBefore = await bulletinJson();
      const before = countsOf(bulletinBefore);
      const preview = await post(brigade, '/api/import/trainings?dryRun=1', 'trainings.csv', file);
      expect(preview.status, JSON.stringify(preview.body).slice(0, 400)).toBe(200);
      expect(preview.body.file.encoding).toMatch(/gb/i);
      expect(preview.body.errors.map((e: Json) => [e.row, e.column])).toEqual([
        [5, '乡镇'],
        [6, '类型'],
        [7, '人数'],
        [8, '乡镇'],
      ]);
      expect((await post(brigade, '/api/import/trainings', 'trainings.csv', file)).status).toBe(422);
      expect(await md5('trainings')).toBe(tableBefore);
      const commit = await post(brigade, '/api/import/trainings?skipInvalid=1', 'trainings.csv', file);
      expect(commit.status, JSON.stringify(commit.body)).toBe(201);
      undoIds.push(commit.body.id);
      expect(commit.body).toMatchObject({ inserted: 3, skipped: 4 });
      const after = await counts();
      for (const [code, t] of after) {
        const added = code === XINAN ? 2 : code === other.code ? 1 : 0;
        expect((t.trainings as number) - (before.get(code)?.trainings as number), code).toBe(added);
      }
      await expectBulletinEqualsOracle(after);
      const kinds = await db.rows<{ kind: string; quantity: number }>(sql`SELECT kind::text, quantity FROM trainings
        WHERE id::text IN (SELECT row_id FROM import_rows WHERE import_id = ${commit.body.id}) ORDER BY id`);
      expect(kinds).toEqual([
        { kind: 'training', quantity: 45 },
        { kind: 'drill', quantity: 300 },
        { kind: 'banner', quantity: 12 },
      ]);
      await undo(commit.body.id);
      expect(await md5('trainings')).toBe(tableBefore);
      expect(await bulletinJson()).toBe(bulletinBefore);
    });

    it('imports village visits (xlsx) by village name or code within the township; a township user only its own', async () => {
      const [v1, v2] = await db.rows<{ code: string; name: string }>(
        sql`SELECT code, name FROM villages WHERE township_code = ${XINAN}
            AND (SELECT count(*) FROM villages o WHERE o.township_code = ${XINAN} AND o.name = villages.name) = 1
            ORDER BY code LIMIT 2`,
      );
      const elsewhere = await one<{ code: string; name: string }>(
        sql`SELECT code, name FROM villages WHERE township_code = ${other.code} ORDER BY code LIMIT 1`,
      );
      if (!v1 || !v2) throw new Error('辛安镇 needs two villages');
      const rows: Grid = [
        ['乡镇', '行政村', '指导日期', '指导内容', '备注'],
        [xinanName, v1.name, '2023-07-18', `${MARK}村级消防组织建设`, MARK], // 2
        [XINAN, v2.code, '2023-07-19', `${MARK}微型消防站`, MARK], // 3
        [xinanName, elsewhere.code, '2023-07-19', `${MARK}错乡镇`, ''], // 4: village of another township
        [xinanName, '没有这个村', '2023-07-19', `${MARK}无此村`, ''], // 5: unknown village
        [xinanName, v1.name, '2023-07-19', '', ''], // 6: no topic
        [other.name, elsewhere.name, '2023-07-20', `${MARK}他乡`, MARK], // 7: fine for the brigade
      ];
      const file = await xlsx(rows);
      const tableBefore = await md5('village_visits');
      const bulletinBefore = await bulletinJson();
      const before = countsOf(bulletinBefore);
      const mine = await post(township, '/api/import/village-visits?dryRun=1', 'visits.xlsx', file);
      expect(mine.status, JSON.stringify(mine.body).slice(0, 400)).toBe(200);
      expect(mine.body.errors.map((e: Json) => [e.row, e.column])).toEqual([
        [4, '行政村'],
        [5, '行政村'],
        [6, '指导内容'],
        [7, '行政村'],
      ]);
      expect(mine.body.errors[3].zh).toContain('只能导入本乡镇');
      const commit = await post(brigade, '/api/import/village-visits?skipInvalid=1', 'visits.xlsx', file);
      expect(commit.status, JSON.stringify(commit.body)).toBe(201);
      undoIds.push(commit.body.id);
      expect(commit.body).toMatchObject({ inserted: 3, skipped: 3 });
      const after = await counts();
      for (const [code, t] of after) {
        const added = code === XINAN ? 2 : code === other.code ? 1 : 0;
        expect((t.villageVisits as number) - (before.get(code)?.villageVisits as number), code).toBe(added);
      }
      await expectBulletinEqualsOracle(after);
      await undo(commit.body.id);
      expect(await md5('village_visits')).toBe(tableBefore);
      expect(await bulletinJson()).toBe(bulletinBefore);
    });

    it('exports each record kind (xlsx, csv) for a township and window in files that import back unchanged', async () => {
      for (const [layer, table, date] of [
        ['patrols', 'patrols', 'patrolled_on'],
        ['trainings', 'trainings', 'held_on'],
        ['village-visits', 'village_visits', 'visited_on'],
      ] as const) {
        const { n } = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}
          WHERE township_code = ${XINAN} AND ${sql.identifier(date)} BETWEEN ${FROM}::date AND ${TO}::date`);
        expect(n, layer).toBeGreaterThan(0);
        for (const format of ['xlsx', 'csv'] as const) {
          const res = await brigade.request(`/api/${layer}/export?format=${format}&township=${XINAN}&${WINDOW}`);
          expect(res.status, layer).toBe(200);
          const bytes = new Uint8Array(await res.arrayBuffer());
          const back = await post(brigade, `/api/import/${layer}?dryRun=1&crs=wgs84`, `back.${format}`, bytes);
          expect(back.status, JSON.stringify(back.body).slice(0, 300)).toBe(200);
          expect(back.body.errors, `${layer} ${format}`).toEqual([]);
          expect(back.body, `${layer} ${format}`).toMatchObject({
            insert: 0,
            update: 0,
            unchanged: n,
            rows: { read: n },
          });
        }
      }
      // Not through the generic record export, which knows no township or village columns.
      expect((await brigade.request('/api/export/records/trainings?format=csv')).status).toBe(404);
      // A township user's export is its own township's, whatever it asks for.
      const theirs = await township.request(`/api/trainings/export?format=csv&township=${other.code}&${WINDOW}`);
      expect(theirs.status).toBe(403);
    });

    it('offers a template per layer: Chinese headers, an example row, a 说明 sheet with the allowed values', async () => {
      for (const [layer, first, allowed] of [
        ['patrols', '场所', ''],
        ['trainings', '乡镇', '培训 / 演练 / 宣传 / 横幅 / 资料'],
        ['village-visits', '乡镇', ''],
      ] as const) {
        const res = await brigade.request(`/api/import/${layer}/template.xlsx`);
        expect(res.status).toBe(200);
        const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
        const strings = strFromU8(files['xl/sharedStrings.xml'] as Uint8Array);
        expect(strings, layer).toContain(`<t>${first}</t>`);
        expect(strings, layer).toContain('说明');
        if (allowed) expect(strings).toContain(allowed);
        expect(Object.keys(files).filter((f) => f.startsWith('xl/worksheets/sheet'))).toHaveLength(2);
        // The template, as it comes, imports as one valid row.
        const bytes = new Uint8Array(await (await brigade.request(`/api/import/${layer}/template.xlsx`)).arrayBuffer());
        const preview = await post(brigade, `/api/import/${layer}?dryRun=1&crs=wgs84`, 'template.xlsx', bytes);
        expect(preview.body.errors, layer).toEqual([]);
        expect(preview.body.rows, layer).toEqual({ read: 1, valid: 1, invalid: 0 });
      }
    });
  });
}

workSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => workSuite('postgres', openPostgresTestDb));
