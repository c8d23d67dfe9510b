/**
 * hydrantCoverage against PostGIS itself (PGlite + PostGIS in process): covered flags from
 * ST_DWithin(geography, 150), nearest and metres from ST_Distance(geography) by exhaustive
 * ORDER BY — not the KNN operator, which orders on the sphere. Random points plus sites a
 * millimetre either side of the radius.
 */
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hydrantCoverage } from '../../../server/analysis/hydrant-coverage';
import type { LonLat } from '../../../server/analysis/metric';
import { randomPoints, rng, travel } from './hydrant-random';

const rand = rng(81);
const hydrants = randomPoints(rand, 120, 0.03);
const edge = hydrants.slice(0, 10).flatMap((h, k) => [travel(h, k * 36, 149.999), travel(h, k * 36 + 18, 150.001)]);
const sites: LonLat[] = [...randomPoints(rand, 300, 0.035, 113.598, 33.498), ...edge];

let pg: PGlite;

beforeAll(async () => {
  pg = await PGlite.create({ extensions: { postgis } });
  await pg.exec('CREATE EXTENSION postgis');
  for (const [table, points] of [
    ['s', sites],
    ['h', hydrants],
  ] as const) {
    await pg.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, g geography(Point, 4326))`);
    // Shortest round-trip decimals, so PostgreSQL parses the very doubles we use.
    const values = points.map((p, i) => `(${i}, ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)::geography)`);
    await pg.exec(`INSERT INTO ${table} VALUES ${values.join(',')}`);
  }
}, 120_000);

afterAll(async () => {
  await pg?.close();
});

describe('hydrantCoverage equals PostGIS geography', () => {
  it('covered flags as ST_DWithin(…, 150), nearest and metres as ST_Distance', async () => {
    const { rows } = await pg.query<{ id: number; covered: boolean; hydrant: number; d: number }>(`
      SELECT s.id,
             EXISTS (SELECT 1 FROM h WHERE ST_DWithin(s.g, h.g, 150)) AS covered,
             n.id AS hydrant, n.d
      FROM s CROSS JOIN LATERAL (
        SELECT h.id, ST_Distance(s.g, h.g) AS d FROM h ORDER BY ST_Distance(s.g, h.g), h.id LIMIT 1
      ) n ORDER BY s.id`);
    const c = hydrantCoverage(sites, hydrants);
    expect(rows.length).toBe(sites.length);
    for (const r of rows) {
      expect(c.covered[r.id], `site ${r.id}`).toBe(r.covered ? 1 : 0);
      expect(c.nearest[r.id], `site ${r.id}`).toBe(r.hydrant);
      expect(Math.abs((c.distanceM[r.id] as number) - r.d)).toBeLessThan(1e-6);
    }
  }, 60_000);

  it('decides pairs a millimetre either side of 150 m as ST_DWithin does', async () => {
    const { rows } = await pg.query<{ k: number; within: boolean }>(`
      SELECT s.id - 300 AS k, ST_DWithin(s.g, h.g, 150) AS within
      FROM s JOIN h ON h.id = (s.id - 300) / 2 WHERE s.id >= 300 ORDER BY s.id`);
    const ours = edge.map((p, k) => hydrantCoverage([p], [hydrants[k >> 1] as LonLat]).covered[0] === 1);
    expect(rows.map((r) => r.within)).toEqual(ours);
    expect(ours).toEqual(edge.map((_, k) => k % 2 === 0));
  }, 60_000);
});
