/**
 * hydrantCoverage against PostGIS itself: PGlite + PostGIS in process, and PostgreSQL +
 * PostGIS too when TEST_DATABASE_URL is set (temp tables). Covered flags from
 * ST_DWithin(geography, 150), nearest and metres from ST_Distance(geography) by exhaustive
 * ORDER BY — not the KNN operator, which orders on the sphere. Random points plus sites a
 * millimetre either side of the radius.
 */
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hydrantCoverage } from '../../../server/analysis/hydrant-coverage';
import type { LonLat } from '../../../server/analysis/metric';
import { randomPoints, rng, travel } from './hydrant-random';

const rand = rng(81);
const hydrants = randomPoints(rand, 120, 0.03);
const edge = hydrants.slice(0, 10).flatMap((h, k) => [travel(h, k * 36, 149.999), travel(h, k * 36 + 18, 150.001)]);
const sites: LonLat[] = [...randomPoints(rand, 300, 0.035, 113.598, 33.498), ...edge];

interface Engine {
  query<T>(text: string): Promise<T[]>;
  close(): Promise<void>;
}

const engines: [string, () => Promise<Engine>][] = [
  [
    'PGlite + PostGIS',
    async () => {
      const pg = await PGlite.create({ extensions: { postgis } });
      await pg.exec('CREATE EXTENSION postgis');
      return { query: async <T>(text: string) => (await pg.query<T>(text)).rows, close: () => pg.close() };
    },
  ],
];
const url = process.env.TEST_DATABASE_URL;
if (url) {
  engines.push([
    'PostgreSQL + PostGIS',
    async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} }); // one connection: TEMP tables
      return { query: async <T>(text: string) => (await sql.unsafe(text)) as unknown as T[], close: () => sql.end() };
    },
  ]);
}

describe.each(engines)('hydrantCoverage equals %s on geography', (_, open) => {
  let db: Engine;

  beforeAll(async () => {
    db = await open();
    for (const [table, points] of [
      ['cov_s', sites],
      ['cov_h', hydrants],
    ] as const) {
      await db.query(`CREATE TEMP TABLE ${table} (id int PRIMARY KEY, g geography(Point, 4326))`);
      // Shortest round-trip decimals, so PostgreSQL parses the very doubles we use.
      const values = points.map((p, i) => `(${i}, ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)::geography)`);
      await db.query(`INSERT INTO ${table} VALUES ${values.join(',')}`);
    }
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('covered flags as ST_DWithin(…, 150), nearest and metres as ST_Distance', async () => {
    const rows = await db.query<{ id: number; covered: boolean; hydrant: number; d: number }>(`
      SELECT s.id,
             EXISTS (SELECT 1 FROM cov_h h WHERE ST_DWithin(s.g, h.g, 150)) AS covered,
             n.id AS hydrant, n.d
      FROM cov_s s CROSS JOIN LATERAL (
        SELECT h.id, ST_Distance(s.g, h.g) AS d FROM cov_h h ORDER BY ST_Distance(s.g, h.g), h.id LIMIT 1
      ) n ORDER BY s.id`);
    const c = hydrantCoverage(sites, hydrants);
    expect(rows.length).toBe(sites.length);
    for (const r of rows) {
      expect(c.covered[r.id], `site ${r.id}`).toBe(r.covered ? 1 : 0);
      expect(c.nearest[r.id], `site ${r.id}`).toBe(r.hydrant);
      expect(Math.abs((c.distanceM[r.id] as number) - Number(r.d))).toBeLessThan(1e-6);
    }
  }, 60_000);

  it('decides pairs a millimetre either side of 150 m as ST_DWithin does', async () => {
    const rows = await db.query<{ within: boolean }>(`
      SELECT ST_DWithin(s.g, h.g, 150) AS within
      FROM cov_s s JOIN cov_h h ON h.id = (s.id - 300) / 2 WHERE s.id >= 300 ORDER BY s.id`);
    const ours = edge.map((p, k) => hydrantCoverage([p], [hydrants[k >> 1] as LonLat]).covered[0] === 1);
    expect(rows.map((r) => r.within)).toEqual(ours);
    expect(ours).toEqual(edge.map((_, k) => k % 2 === 0));
  });
});
