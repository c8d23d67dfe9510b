/**
 * Road import into a real database, on PGlite and (TEST_DATABASE_URL) PostgreSQL. Every case
 * runs inside a transaction that is rolled back, so the shared PostgreSQL test database is left
 * as it was; the import's own transaction becomes a savepoint inside it.
 *
 * Oracles: PostGIS itself — ST_Intersection of each raw fixture way (parsed here from the XML)
 * with the county for the clipped lengths and shapes, ST_Relate for "edges meet only at their
 * ends" (noding) — an md5 of the ordered roads table for "a bad file changes nothing", and the
 * station coverage answer on the new network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { RoadImportError } from '../../server/geo/roads/errors';
import type { RoadClass } from '../../server/geo/roads/osm-highway';
import { INSERT_CHUNK, importRoadFile, writeRoadImport } from '../../server/services/road-import';
import { signedIn } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const fixture = (name: string) => new URL(`../fixtures/roads/${name}`, import.meta.url).pathname;
const ADCODE = '411121';

/** The fixture's ways straight from its XML (independent of osmium and of our reader). */
function osmFixtureWays(): Map<number, { tags: Record<string, string>; coords: Position[] }> {
  const xml = readFileSync(fixture('wuyang-east.osm'), 'utf8');
  const nodes = new Map<string, Position>();
  for (const m of xml.matchAll(/<node id="(\d+)"[^>]*lat="([\d.]+)" lon="([\d.]+)"/g)) {
    nodes.set(m[1] as string, [Number(m[3]), Number(m[2])]);
  }
  const ways = new Map<number, { tags: Record<string, string>; coords: Position[] }>();
  for (const m of xml.matchAll(/<way id="(\d+)"[^>]*>([\s\S]*?)<\/way>/g)) {
    const body = m[2] as string;
    const coords = [...body.matchAll(/<nd ref="(\d+)"/g)].map((n) => nodes.get(n[1] as string) as Position);
    const tags = Object.fromEntries([...body.matchAll(/<tag k="([^"]+)" v="([^"]*)"/g)].map((t) => [t[1], t[2]]));
    ways.set(Number(m[1]), { tags, coords });
  }
  return ways;
}

const wkt = (coords: Position[]) => `LINESTRING(${coords.map((p) => `${p[0]} ${p[1]}`).join(', ')})`;

class Rollback extends Error {}

function roadImportSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`road import on ${engine}`, () => {
    let db: Db;
    let tmp: string;
    let pbf: string;

    /** Runs `fn` in a transaction and rolls it back (the shared PostgreSQL stays untouched). */
    const rolledBack = async (fn: (tx: Db) => Promise<void>) => {
      const err = await db
        .transaction(async (tx) => {
          await fn(tx);
          throw new Rollback('rollback');
        })
        .catch((e: unknown) => e);
      if (!(err instanceof Rollback)) throw err;
    };

    /** md5 of every roads row in id order and the number of import records: "byte-identical" before/after. */
    const roadsMd5 = async (tx: Db) => {
      const row = await tx.one<{ md5: string; imports: number }>(
        sql`SELECT md5(coalesce(string_agg(concat_ws('|', id, adcode, class, name, oneway, source, osm_highway, osm_id,
              length_m, encode(ST_AsEWKB(geom), 'hex')), ';' ORDER BY id), '')) AS md5,
              (SELECT count(*)::int FROM road_imports) AS imports
            FROM roads`,
        'roads md5',
      );
      return `${row.md5}/${row.imports}`;
    };

    beforeAll(async () => {
      db = await open();
      tmp = mkdtempSync(join(tmpdir(), 'fireatlas-roads-test-'));
      pbf = join(tmp, 'wuyang-east.osm.pbf');
      execFileSync('osmium', ['cat', fixture('wuyang-east.osm'), '-o', pbf, '--overwrite']);
    });
    afterAll(async () => {
      await db?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('imports the .osm fixture: the county roads are exactly the clipped, noded drivable ways', async () => {
      await rolledBack(async (tx) => {
        const report = await importRoadFile(tx, { file: fixture('wuyang-east.osm') });
        expect(report.county).toEqual({ adcode: ADCODE, name: '舞阳县' });
        expect(report.summary).toMatchObject({
          waysRead: 16,
          waysKept: 14,
          waysOutside: 1,
          waysClipped: 2,
          pieces: 14,
          edges: 28,
          onewayEdges: 4,
          components: 1,
          largestComponentShare: 1,
        });
        expect(report.summary.dropped).toEqual({ 'highway=footway': 1, 'highway=track': 1 });
        expect(report.replaced).toBeGreaterThan(1000);
        expect(report.warnings).toEqual([]);

        const all = await tx.one<{ n: number; imported: number; oneway: number; named: number }>(
          sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE source = 'import' AND adcode = ${ADCODE} AND osm_id IS NOT NULL)::int AS imported,
                count(*) FILTER (WHERE oneway)::int AS oneway, count(*) FILTER (WHERE name IS NOT NULL)::int AS named
              FROM roads`,
          'roads',
        );
        // Unnamed: the roundabout (2 edges), ways 111, 113 (2 pieces) and 116.
        expect(all).toEqual({ n: 28, imported: 28, oneway: 4, named: 22 });

        // Clipped lengths and shapes: PostGIS's own ST_Intersection of each raw way with the county.
        const ways = osmFixtureWays();
        expect(ways.size).toBe(16);
        for (const [id, w] of ways) {
          const row = await tx.one<{ expected: number; got: number; hausdorff: number | null; edges: number }>(
            sql`WITH raw AS (SELECT ST_Intersection(ST_GeomFromText(${wkt(w.coords)}, 4326), c.geom) AS g
                  FROM counties c WHERE c.adcode = ${ADCODE}),
                mine AS (SELECT ST_Collect(geom) AS g, coalesce(sum(ST_Length(geom::geography)), 0) AS len, count(*)::int AS n
                  FROM roads WHERE osm_id = ${id})
                SELECT ST_Length(raw.g::geography) AS expected, mine.len AS got, mine.n AS edges,
                  CASE WHEN mine.n > 0 THEN ST_HausdorffDistance(raw.g, mine.g) END AS hausdorff
                FROM raw, mine`,
            `way ${id}`,
          );
          const drivable = !['footway', 'track'].includes(w.tags.highway ?? '');
          if (drivable) {
            expect(Math.abs(row.got - row.expected), `way ${id}: ${row.got} vs ${row.expected}`).toBeLessThanOrEqual(
              0.5,
            );
            if (row.expected > 0) expect(row.hausdorff, `way ${id}`).toBeLessThan(2e-6);
          } else {
            expect(row.expected, `way ${id} lies inside`).toBeGreaterThan(100);
            expect(row.edges, `way ${id} dropped`).toBe(0);
          }
        }
        const outside = await tx.one<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM roads WHERE osm_id = 112`,
          'w112',
        );
        expect(outside.n).toBe(0);

        // length_m is the geodesic length of the stored line.
        const len = await tx.one<{ worst: number }>(
          sql`SELECT max(abs(length_m - ST_Length(geom::geography)))::float8 AS worst FROM roads`,
          'lengths',
        );
        expect(len.worst).toBeLessThan(1e-6);

        // Noded: any two edges meet only at end points of both (DE-9IM FF*F*****), except the
        // bridge (way 107, layer 1) over 东西大街 (way 101), which must not be joined to it.
        const meet = await tx.one<{ meeting: number; bad: string | null }>(
          sql`SELECT count(*)::int AS meeting,
                string_agg(least(a.osm_id, b.osm_id) || '×' || greatest(a.osm_id, b.osm_id), ',')
                  FILTER (WHERE NOT ST_Relate(a.geom, b.geom, 'FF*F*****')) AS bad
              FROM roads a JOIN roads b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)`,
          'meetings',
        );
        expect(meet.bad).toBe('101×107');
        expect(meet.meeting).toBeGreaterThan(28);

        // Tags: classes, one-way direction of oneway=-1 (drawn east → west), names, ref.
        const tags = await tx.rows<{
          osm_id: number;
          class: string;
          oneway: boolean;
          x0: number;
          x1: number;
          name: string | null;
        }>(
          sql`SELECT osm_id::int AS osm_id, class, oneway, ST_X(ST_StartPoint(geom)) AS x0, ST_X(ST_EndPoint(geom)) AS x1, name
              FROM roads WHERE osm_id IN (101, 105, 110, 115) ORDER BY id`,
        );
        expect(
          tags.filter((t) => t.osm_id === 101).every((t) => t.class === 'urban_collector' && t.name === '东西大街'),
        ).toBe(true);
        const w105 = tags.find((t) => t.osm_id === 105);
        expect(w105).toMatchObject({ class: 'urban_local', oneway: true, x0: 113.844, x1: 113.838, name: '文化街' });
        expect(tags.filter((t) => t.osm_id === 110).map((t) => t.oneway)).toEqual([true, true]);
        expect(tags.find((t) => t.osm_id === 115)).toMatchObject({ class: 'provincial', name: '省道237' });

        const record = await tx.one<Record<string, unknown>>(
          sql`SELECT adcode, source, format, synthetic, ways_read AS "waysRead", edges, round(length_km::numeric, 6)::float8 AS km,
                round((SELECT sum(length_m) FROM roads)::numeric / 1000, 6)::float8 AS "roadsKm"
              FROM road_imports ORDER BY id DESC LIMIT 1`,
          'import record',
        );
        expect(record).toMatchObject({
          adcode: ADCODE,
          source: 'wuyang-east.osm',
          format: 'osm-xml',
          synthetic: false,
          waysRead: 16,
          edges: 28,
        });
        expect(record.km).toBe(record.roadsKm);
      });
    });

    it('gives the same rows from the .osm.pbf osmium made of the fixture, and from GeoJSON', async () => {
      const dump = (tx: Db) =>
        tx.rows(
          sql`SELECT class, name, oneway, osm_highway, osm_id::int AS osm_id, ST_AsText(geom) AS g FROM roads ORDER BY id`,
        );
      await rolledBack(async (tx) => {
        await importRoadFile(tx, { file: fixture('wuyang-east.osm') });
        const fromXml = await dump(tx);
        const report = await importRoadFile(tx, { file: pbf });
        expect(report.format).toBe('pbf');
        expect(report.replaced).toBe(28);
        expect(await dump(tx)).toEqual(fromXml);

        const geo = await importRoadFile(tx, { file: fixture('wuyang-east.geojson') });
        expect(geo.summary).toMatchObject({ waysRead: 5, waysKept: 3, edges: 8, onewayEdges: 1, components: 1 });
        expect(geo.summary.notLines).toBe(1);
        const rows = await tx.rows<{ class: string; n: number }>(
          sql`SELECT class, count(*)::int AS n FROM roads GROUP BY class ORDER BY class`,
        );
        expect(rows).toEqual([
          { class: 'county', n: 4 },
          { class: 'urban_local', n: 4 },
        ]);
      });
    });

    it('a dry run reports the counts and writes nothing', async () => {
      await rolledBack(async (tx) => {
        const before = await roadsMd5(tx);
        const report = await importRoadFile(tx, { file: fixture('wuyang-east.osm'), dryRun: true });
        expect(report.written).toBeNull();
        expect(report.summary.edges).toBe(28);
        expect(await roadsMd5(tx)).toBe(before);
      });
    });

    it('a bad file changes nothing and says why in Chinese and English', async () => {
      const cases: [string, RegExp][] = [
        ['broken.osm', /osmium 无法读取 broken\.osm.*osmium cannot read broken\.osm/s],
        ['broken.geojson', /无法解析 GeoJSON.*cannot parse GeoJSON/s],
        ['no-roads.geojson', /没有可通行的道路线.*no drivable road line/s],
        ['outside.geojson', /全部位于县界之外.*outside the county boundary/s],
        ['roads.txt', /不支持的文件类型.*unsupported file type/s],
        ['missing.geojson', /无法读取文件.*cannot read file/s],
      ];
      await rolledBack(async (tx) => {
        const before = await roadsMd5(tx);
        for (const [file, message] of cases) {
          const err = await importRoadFile(tx, { file: fixture(file) }).catch((e: unknown) => e);
          expect(err, file).toBeInstanceOf(RoadImportError);
          expect((err as Error).message, file).toMatch(message);
          expect(await roadsMd5(tx), file).toBe(before);
        }
        const county = await importRoadFile(tx, { file: fixture('wuyang-east.osm'), adcode: '999999' }).catch((e) => e);
        expect((county as Error).message).toMatch(/没有行政区划代码为 999999 的县.*no county with adcode 999999/s);
        expect(await roadsMd5(tx)).toBe(before);
      });
    });

    it('a database error in the middle of the insert rolls the whole import back', async () => {
      await rolledBack(async (tx) => {
        const before = await roadsMd5(tx);
        const good = { cls: 'urban_local' as RoadClass, name: null, oneway: false, highway: 'residential', osmId: 1 };
        const edges = Array.from({ length: INSERT_CHUNK + 50 }, (_, i) => ({
          ...good,
          coords: [
            [113.83 + i * 1e-6, 33.58],
            [113.83 + i * 1e-6, 33.581],
          ],
        }));
        // The first chunk is inserted; the second fails on the road_classes foreign key.
        edges.push({
          ...good,
          cls: 'no_such_class' as unknown as RoadClass,
          coords: [
            [113.83, 33.57],
            [113.84, 33.57],
          ],
        });
        const err = await writeRoadImport(tx, ADCODE, edges, {
          source: 'x.geojson',
          format: 'geojson',
          waysRead: 1,
        }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RoadImportError);
        expect((err as Error).message).toMatch(
          /写入数据库失败，已全部回滚.*database write failed and was rolled back/s,
        );
        expect(await roadsMd5(tx)).toBe(before);
      });
    });

    it('the next coverage request after an import routes on the new network', async () => {
      await rolledBack(async (tx) => {
        const app = await signedIn(createApp(tx), tx);
        const station = await tx.one<{ id: number }>(
          sql`SELECT id FROM units WHERE kind = 'station' AND status = 'in_service' ORDER BY id LIMIT 1`,
          'station',
        );
        // The station on 南北路 (way 102), 700 m south of its crossing with 东西大街 (way 101).
        await tx.rows(
          sql`UPDATE units SET geom = ST_SetSRID(ST_MakePoint(113.838, 33.5737), 4326) WHERE id = ${station.id}`,
        );
        const path = `/api/coverage/stations?units=${station.id}&thresholds=300&mode=dissolve`;
        const get = async () => {
          const res = await app.request(path);
          const body = (await res.json()) as {
            units: { onNetwork: boolean }[];
            isochrones: { features: { properties: { thresholdS: number }; geometry: MultiPolygon }[] };
            timing: { graphCached: boolean };
          };
          expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
          return body;
        };
        const west = [113.8315, 33.58]; // on 东西大街, reached only through the noded crossing at 113.838
        const seat = [113.6, 33.44]; // the county seat: its synthetic streets are gone after the import
        const inside = (b: Awaited<ReturnType<typeof get>>, p: number[]) =>
          b.isochrones.features.some(
            (f) => f.properties.thresholdS === 300 && turf.booleanPointInPolygon(p, f.geometry),
          );
        await get();
        expect((await get()).timing.graphCached).toBe(true);
        const roadsOrigin = async () => ((await (await app.request('/api/health')).json()) as { roads: unknown }).roads;
        expect(await roadsOrigin()).toEqual({ source: 'dataset' });
        // The hydrant service holds the built-up streets per road network too.
        const builtUpM = async () =>
          ((await (await app.request('/api/coverage/hydrants')).json()) as { roads: { totals: { roadM: number } } })
            .roads.totals.roadM;
        const streetsBefore = await builtUpM();
        expect(streetsBefore).toBeGreaterThan(10_000);
        expect(await builtUpM()).toBe(streetsBefore);

        await importRoadFile(tx, { file: fixture('wuyang-east.osm') });
        expect(await roadsOrigin()).toMatchObject({
          source: 'import',
          adcode: ADCODE,
          file: 'wuyang-east.osm',
          format: 'osm-xml',
          edges: 28,
        });
        // The county seat's streets are gone: no stale built-up streets are served.
        expect(await builtUpM()).toBeLessThan(streetsBefore);
        const fresh = await get();
        expect(fresh.timing.graphCached).toBe(false);
        expect(fresh.units[0]?.onNetwork).toBe(true);
        // 60 s turnout + 0.7 km + 0.6 km at 30 km/h ≈ 217 s ≤ 300 s.
        expect(inside(fresh, west)).toBe(true);
        expect(inside(fresh, seat)).toBe(false);
      });
    });
  });
}

describe('import:roads CLI', () => {
  let dir: string;
  beforeAll(async () => {
    const { templatePath } = await import('../helpers/template');
    dir = mkdtempSync(join(tmpdir(), 'fireatlas-roads-cli-'));
    // A PGlite data directory copied from the prepared test database.
    execFileSync('tar', ['-xzf', templatePath(), '-C', dir]);
    rmSync(join(dir, 'postmaster.pid'), { force: true });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'server/cli/import-roads.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
    });

  it('--dry-run prints the summary and exits 0; a bad file exits 1 with the reason', () => {
    const dry = cli(fixture('wuyang-east.osm'), '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/打断后路段 noded edges\s+28/);
    expect(dry.stdout).toMatch(/单行路段 one-way edges\s+4/);
    expect(dry.stdout).toMatch(/试运行，未写入 \/ dry run, nothing written/);

    const bad = cli(fixture('broken.geojson'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/导入失败，数据库未改变 \/ import failed, nothing changed/);
    expect(bad.stderr).toMatch(/cannot parse GeoJSON file broken\.geojson/);

    const usage = cli('--county', 'abc', fixture('wuyang-east.osm'));
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--county needs a 6-digit adcode/);
  });
});

roadImportSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'PostgreSQL + PostGIS',
  () => {
    roadImportSuite('postgres', openPostgresTestDb);
  },
);
