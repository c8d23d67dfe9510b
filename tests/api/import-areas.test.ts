/**
 * The boundary layers through the import pipeline (issue 12 §1, §5), both engines: the county's
 * townships shifted into GCJ-02 → detected from how their outer vertices sit on the county
 * boundary (WGS84 wins on the unshifted file); overlaps, polygons outside the county, lines and
 * spreadsheets refused with the row and the reason; commit then undo → the township, unit and
 * village layers byte for byte (row versions aside); villages as points and as 村界 polygons; and a
 * second county away from Wuyang — its boundary, three townships and units through the API, then
 * undone in reverse order, leaving the database as it was.
 */
import { sql } from 'drizzle-orm';
import { strToU8 } from 'fflate';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { wgs84ToGcj02 } from '../../server/geo/crs/china-offsets';
import { box, csvUtf8, featureFile, uploadForm } from '../helpers/import-files';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in assertions
type Json = Record<string, any>;
type Area = Polygon | MultiPolygon;

const collection = featureFile;

const mapCoordinates = (g: Area, f: (p: [number, number]) => [number, number]): Area =>
  g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map((p) => f(p as [number, number]))) }
    : {
        type: 'MultiPolygon',
        coordinates: g.coordinates.map((pg) => pg.map((r) => r.map((p) => f(p as [number, number])))),
      };

function areasSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`boundary import on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    let townships: { code: string; name: string; geom: Area }[];
    const undone: number[] = [];

    const post = async (path: string, name: string, bytes: Uint8Array) => {
      const res = await brigade.request(path, { method: 'POST', body: uploadForm(name, bytes) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const undo = async (id: number) => {
      const res = await brigade.request(`/api/imports/${id}/undo`, { method: 'POST' });
      if (res.status === 200) undone.push(id);
      return { status: res.status, body: (await res.json()) as Json };
    };
    /** A layer answer without the row versions (an undo is a new change: they move on). */
    const layerText = async (path: string) => {
      const fc = JSON.parse(await (await brigade.request(path)).text()) as { features: { properties: Json }[] };
      for (const f of fc.features) delete f.properties.version;
      return JSON.stringify(fc);
    };
    const townshipFile = (f: (p: [number, number]) => [number, number] = (p) => p) =>
      collection(
        townships.map((t) => ({
          properties: { 乡镇代码: t.code, 乡镇名称: t.name },
          geometry: mapCoordinates(t.geom, f),
        })),
      );

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
      townships = (
        await db.rows<{ code: string; name: string; geom: Area | string }>(
          sql`SELECT code, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM townships WHERE adcode = '411121' ORDER BY code`,
        )
      ).map((t) => ({ ...t, geom: typeof t.geom === 'string' ? JSON.parse(t.geom) : t.geom }));
    });
    afterAll(async () => {
      await db?.close();
    });

    it('detects GCJ-02 township boundaries from the county boundary, and WGS84 for the unshifted file', async () => {
      const gcj = await post('/api/import/townships?dryRun=1', 'townships-gcj.geojson', townshipFile(wgs84ToGcj02));
      expect(gcj.status, JSON.stringify(gcj.body).slice(0, 400)).toBe(200);
      expect(gcj.body.detected.crs).toBe('gcj02');
      expect(gcj.body.detected.uncertain).toBe(false);
      expect(gcj.body.detected.reasonZh).toMatch(/^识别为 GCJ-02.*县界/);
      const fits = Object.fromEntries(gcj.body.detected.evidence.candidates.map((c: Json) => [c.crs, c.medianM]));
      expect(fits.gcj02).toBeLessThan(1);
      expect(fits.wgs84).toBeGreaterThan(200);
      expect(gcj.body.errors).toEqual([]);
      expect(gcj.body.rows).toEqual({ read: townships.length, valid: townships.length, invalid: 0 });
      expect(gcj.body.insert).toBe(0);
      expect(gcj.body.update + gcj.body.unchanged).toBe(townships.length);
      expect(gcj.body.areas.features.features).toHaveLength(townships.length);
      expect(gcj.body.areas.uncoveredM2).toBe(0);
      const wgs = await post('/api/import/townships?dryRun=1', 'townships.geojson', townshipFile());
      expect(wgs.body.detected.crs).toBe('wgs84');
    });

    it('refuses overlaps, polygons outside the county, lines and spreadsheets, naming the rows', async () => {
      const [a, b] = townships as [(typeof townships)[0], (typeof townships)[0]];
      const grown = await db.one<{ g: Area | string }>(
        sql`SELECT ST_AsGeoJSON(ST_Buffer(geom::geography, 80)::geometry, 9)::json AS g FROM townships WHERE code = ${a.code}`,
      );
      const far = mapCoordinates(b.geom, ([x, y]) => [x + 0.5, y]);
      const file = collection([
        {
          properties: { 乡镇代码: a.code, 乡镇名称: a.name },
          geometry: typeof grown.g === 'string' ? JSON.parse(grown.g) : grown.g,
        },
        { properties: { 乡镇代码: b.code, 乡镇名称: b.name }, geometry: far },
        {
          properties: { 乡镇代码: '411121999', 乡镇名称: '线' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [113.6, 33.4],
              [113.7, 33.5],
            ],
          },
        },
        { properties: { 乡镇代码: '410101001', 乡镇名称: '别县' }, geometry: b.geom },
      ]);
      const before = await layerText('/api/townships');
      const preview = await post('/api/import/townships?dryRun=1&crs=wgs84', 'bad.geojson', file);
      expect(preview.status).toBe(200);
      const byRow = (row: number) =>
        preview.body.errors
          .filter((e: Json) => e.row === row)
          .map((e: Json) => e.en)
          .join(' | ');
      expect(byRow(1)).toMatch(/overlaps township \d{9}/);
      expect(byRow(1)).toMatch(/outside the county/);
      expect(byRow(2)).toMatch(/outside the county/);
      expect(byRow(3)).toMatch(/polygon is needed/);
      expect(byRow(4)).toMatch(/not of the county 411121/);
      expect(preview.body.rows.invalid).toBe(4);
      const commit = await post('/api/import/townships?crs=wgs84', 'bad.geojson', file);
      expect(commit.status).toBe(422);
      expect(await layerText('/api/townships')).toBe(before);
      const sheet = await post(
        '/api/import/townships?dryRun=1',
        'townships.csv',
        csvUtf8([
          ['乡镇代码', '名称'],
          [a.code, a.name],
        ]),
      );
      expect(sheet.status).toBe(415);
      expect(sheet.body.error.message).toMatch(/GeoJSON/);
    });

    it('commits the GCJ-02 townships and undo gives the townships, units and villages back byte for byte', async () => {
      const paths = ['/api/townships', '/api/units', '/api/villages', '/api/hydrants'];
      const before = await Promise.all(paths.map(layerText));
      const commit = await post('/api/import/townships', 'townships-gcj.geojson', townshipFile(wgs84ToGcj02));
      expect(commit.status, JSON.stringify(commit.body).slice(0, 300)).toBe(201);
      expect(commit.body.inserted).toBe(0);
      expect(commit.body.updated + commit.body.unchanged).toBe(townships.length);
      expect(commit.body.updated).toBeGreaterThan(0);
      expect(commit.body.rowsMoved).toBeTypeOf('number');
      const record = await brigade.request(`/api/imports/${commit.body.id}`);
      expect(((await record.json()) as Json).crsChosen).toBe('gcj02');
      const back = await undo(commit.body.id);
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      expect(await Promise.all(paths.map(layerText))).toEqual(before);
    });

    it('imports villages as points and as 村界 polygons into their townships, and undoes them', async () => {
      const t = await db.one<{ code: string; x: number; y: number }>(
        sql`SELECT code, ST_X(seat)::float8 AS x, ST_Y(seat)::float8 AS y FROM townships WHERE adcode = '411121' ORDER BY code LIMIT 1`,
      );
      const before = await layerText('/api/villages');
      const file = collection([
        {
          properties: { 村代码: `${t.code}901`, 名称: '测试一村村民委员会' },
          geometry: { type: 'Point', coordinates: [t.x, t.y] },
        },
        {
          properties: { 村代码: `${t.code}902`, 名称: '测试二村村民委员会' },
          geometry: box(t.x + 0.001, t.y, t.x + 0.003, t.y + 0.002),
        },
        { properties: { 村代码: '4111', 名称: '坏代码' }, geometry: { type: 'Point', coordinates: [t.x, t.y] } },
      ]);
      const commit = await post('/api/import/villages?crs=wgs84&skipInvalid=1', 'villages.geojson', file);
      expect(commit.status, JSON.stringify(commit.body).slice(0, 300)).toBe(201);
      expect(commit.body).toMatchObject({ inserted: 2, skipped: 1 });
      const rows = await db.rows<{ code: string; township: string; short: string; x: number; y: number }>(
        sql`SELECT code, township_code AS township, short_name AS short, ST_X(geom)::float8 AS x, ST_Y(geom)::float8 AS y
          FROM villages WHERE code LIKE ${`${t.code}90_`} ORDER BY code`,
      );
      expect(rows.map((r) => [r.township, r.short])).toEqual([
        [t.code, '测试一村'],
        [t.code, '测试二村'],
      ]);
      // The polygon's label point lies inside it.
      const label = rows[1] as (typeof rows)[0];
      expect(label.x).toBeGreaterThan(t.x + 0.001);
      expect(label.x).toBeLessThan(t.x + 0.003);
      expect(label.y).toBeGreaterThan(t.y);
      expect(label.y).toBeLessThan(t.y + 0.002);
      const exported = await brigade.request(`/api/export/villages?format=csv&township=${t.code}`);
      expect(exported.status).toBe(200);
      expect(await exported.text()).toContain('测试二村村民委员会');
      expect((await undo(commit.body.id)).status).toBe(200);
      expect(await layerText('/api/villages')).toBe(before);
    });

    it('takes a second county: its boundary, three townships and units by import, then undone in reverse', async () => {
      // A county of 0.3° × 0.2° far from Wuyang (in Qinghai, no road or county there), split in three townships.
      const [x0, y0] = [97.0, 35.0];
      const adcode = '639901';
      const county = collection([
        { properties: { 行政区划代码: adcode, 名称: '测试县' }, geometry: box(x0, y0, x0 + 0.3, y0 + 0.2) },
      ]);
      const c = await post('/api/import/counties?crs=wgs84', 'county.geojson', county);
      expect(c.status, JSON.stringify(c.body).slice(0, 300)).toBe(201);
      expect(c.body.inserted).toBe(1);
      const split = (i: number) => box(x0 + 0.1 * i, y0, x0 + 0.1 * (i + 1), y0 + 0.2);
      const file = collection(
        [0, 1, 2].map((i) => ({
          properties: { 乡镇代码: `${adcode}10${i}`, 乡镇名称: `测试${i}镇` },
          geometry: split(i),
        })),
      );
      const preview = await post(`/api/import/townships?dryRun=1&crs=wgs84&county=${adcode}`, 'towns.geojson', file);
      expect(preview.status, JSON.stringify(preview.body).slice(0, 300)).toBe(200);
      expect(preview.body).toMatchObject({ insert: 3, update: 0, errors: [], county: { adcode, name: '测试县' } });
      expect(preview.body.areas.uncoveredM2).toBe(0);
      // The same townships drawn in 奥维 / Google Earth (KML polygons) preview alike; a township user may not import boundaries.
      const placemarks = [0, 1, 2].map((i) => {
        const ring = (split(i).coordinates[0] as number[][]).map((p) => `${p[0]},${p[1]},0`).join(' ');
        return `<Placemark><name>测试${i}镇</name><ExtendedData><Data name="乡镇代码"><value>${adcode}10${i}</value></Data><Data name="乡镇名称"><value>测试${i}镇</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;
      });
      const kml = strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemarks.join('')}</Document></kml>`,
      );
      const fromKml = await post(`/api/import/townships?dryRun=1&crs=wgs84&county=${adcode}`, 'towns.kml', kml);
      expect(fromKml.status, JSON.stringify(fromKml.body).slice(0, 300)).toBe(200);
      expect(fromKml.body).toMatchObject({ insert: 3, errors: [] });
      expect(fromKml.body.areas.features.features.map((f: Json) => f.geometry)).toEqual(
        preview.body.areas.features.features.map((f: Json) => f.geometry),
      );
      const res = await township.request(`/api/import/townships?dryRun=1&crs=wgs84&county=${adcode}`, {
        method: 'POST',
        body: uploadForm('towns.geojson', file),
      });
      expect(res.status).toBe(403);
      const towns = await post(`/api/import/townships?crs=wgs84&county=${adcode}`, 'towns.geojson', file);
      expect(towns.status, JSON.stringify(towns.body).slice(0, 300)).toBe(201);
      const areas = await db.rows<{ code: string; km2: number; oracle: number }>(
        sql`SELECT code, area_km2 AS km2, (ST_Area(geom::geography) / 1e6)::float8 AS oracle FROM townships WHERE adcode = ${adcode} ORDER BY code`,
      );
      expect(areas.map((a) => a.code)).toEqual([`${adcode}100`, `${adcode}101`, `${adcode}102`]);
      for (const a of areas) expect(a.km2).toBeCloseTo(a.oracle, 6);
      const units = csvUtf8([
        ['编号', '名称', '类型', '经度', '纬度'],
        ['T2-U1', '测试县消防救援站', '消防救援站', x0 + 0.05, y0 + 0.1],
        ['T2-U2', '测试二镇消防救援站', '消防救援站', x0 + 0.15, y0 + 0.1],
      ]);
      const u = await post(`/api/import/units?crs=wgs84&county=${adcode}`, 'units.csv', units);
      expect(u.status, JSON.stringify(u.body).slice(0, 400)).toBe(201);
      const placed = await db.rows<{ code: string; township: string }>(
        sql`SELECT code, township_code AS township FROM units WHERE adcode = ${adcode} ORDER BY code`,
      );
      expect(placed).toEqual([
        { code: 'T2-U1', township: `${adcode}100` },
        { code: 'T2-U2', township: `${adcode}101` },
      ]);
      // Sites, and the statistics of the new county: sites per township against PostGIS (ST_Covers).
      const siteRows = csvUtf8([
        ['编号', '名称', '类别', '经度', '纬度'],
        ...[0.02, 0.05, 0.12, 0.15, 0.18, 0.25].map((dx, i) => [
          `T2-S${i}`,
          `测试场所${i}`,
          '九小场所',
          x0 + dx,
          y0 + 0.05,
        ]),
      ]);
      const s2 = await post(`/api/import/sites?crs=wgs84&county=${adcode}`, 'sites.csv', siteRows);
      expect(s2.status, JSON.stringify(s2.body).slice(0, 400)).toBe(201);
      const stats = await brigade.request(`/api/stats/townships?county=${adcode}`);
      expect(stats.status).toBe(200);
      const got = ((await stats.json()) as Json).townships
        .map((r: Json) => [r.code, r.sites])
        .sort((a: string[], b: string[]) => String(a[0]).localeCompare(String(b[0])));
      const oracle = await db.rows<{ code: string; n: number }>(sql`
        SELECT t.code, (SELECT count(*) FROM sites s WHERE ST_Covers(t.geom, s.geom))::int AS n
        FROM townships t WHERE t.adcode = ${adcode} ORDER BY t.code`);
      expect(got).toEqual(oracle.map((o) => [o.code, o.n]));
      expect(oracle.map((o) => o.n)).toEqual([2, 3, 1]);
      const wuyang = ((await (await brigade.request('/api/stats/townships')).json()) as Json).townships;
      expect(wuyang.every((r: Json) => String(r.code).startsWith('411121'))).toBe(true);
      expect(wuyang).toHaveLength(townships.length);
      expect((await undo(s2.body.id)).status).toBe(200);
      // Out of order: the county holds townships, the townships hold units.
      expect((await undo(c.body.id)).status).toBe(409);
      expect((await undo(towns.body.id)).status).toBe(409);
      for (const id of [u.body.id, towns.body.id, c.body.id]) expect((await undo(id)).status).toBe(200);
      const left = await db.one<{ n: number }>(sql`SELECT
        (SELECT count(*) FROM counties WHERE adcode = ${adcode}) + (SELECT count(*) FROM townships WHERE adcode = ${adcode})
        + (SELECT count(*) FROM units WHERE adcode = ${adcode}) AS n`);
      expect(Number(left.n)).toBe(0);
    });
  });
}

areasSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => areasSuite('postgres', openPostgresTestDb));
