/**
 * The Gauss-Krüger and Web Mercator conversions of server/geo/crs (proj4js) against PostGIS
 * ST_Transform (PROJ), on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set. PGlite's
 * spatial_ref_sys (PostGIS 3.6) holds EPSG:4513–4554; were a code missing on an engine, the test
 * inserts our proj4 text in its own transaction (rolled back) and says so on the console.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { fromWgs84 } from '../../server/geo/crs/convert';
import { GAUSS_KRUGER_ZONES } from '../../server/geo/crs/gauss-kruger';
import type { XY } from '../../server/geo/crs/systems';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';
import { COUNTY, grid, metres } from '../unit/geo/crs/geodesic';

const MAX_M = 0.001;

interface Probe {
  i: number;
  srid: number;
  lon: number;
  lat: number;
  x: number;
  y: number;
}

/** Every zone over its own 3° band (lat 18–53°N), and the county on EPSG:4526, 4547 and 3857. */
function probes(): Probe[] {
  const out: Probe[] = [];
  const add = (srid: number, points: XY[]) => {
    for (const [lon, lat] of points) {
      const [x, y] = fromWgs84(srid === 3857 ? 'epsg:3857' : `epsg:${srid}`, [lon, lat]);
      out.push({ i: out.length, srid, lon, lat, x, y });
    }
  };
  for (const zone of GAUSS_KRUGER_ZONES.values()) {
    add(zone.epsg, grid(zone.centralMeridian - 1.5, zone.centralMeridian + 1.5, 18, 53, 3, 5));
  }
  for (const srid of [4526, 4547, 3857]) add(srid, COUNTY);
  return out;
}

class Rollback extends Error {}

/** Runs fn in a transaction that is always rolled back (so inserted spatial_ref_sys rows vanish). */
async function inRolledBackTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

const param = (proj4text: string, key: string) => new RegExp(`\\+${key}=(\\S+)`).exec(proj4text)?.[1];

function crsSuite(engine: string, open: () => Promise<Db>): void {
  describe(`Gauss-Krüger against PostGIS ST_Transform (${engine})`, () => {
    let db: Db;
    let missing: number[] = [];
    let rows: { i: number; fx: number; fy: number; ilon: number; ilat: number }[] = [];
    const all = probes();

    beforeAll(async () => {
      db = await open();
      const codes = [...GAUSS_KRUGER_ZONES.keys()];
      ({ missing, rows } = await inRolledBackTransaction(db, async (tx) => {
        const present = await tx.rows<{ srid: number }>(
          sql`select srid from spatial_ref_sys where srid in (${sql.join(codes, sql`, `)})`,
        );
        const have = new Set(present.map((r) => Number(r.srid)));
        const absent = codes.filter((c) => !have.has(c));
        for (const srid of absent) {
          const text = GAUSS_KRUGER_ZONES.get(srid)?.proj4 as string;
          await tx.rows(
            sql`insert into spatial_ref_sys (srid, auth_name, auth_srid, proj4text) values (${srid}, 'EPSG', ${srid}, ${text})`,
          );
        }
        const result = await tx.rows<{ i: number; fx: number; fy: number; ilon: number; ilat: number }>(sql`
          select s.i,
                 ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), s.srid)) as fx,
                 ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326), s.srid)) as fy,
                 ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(s.x, s.y), s.srid), 4326)) as ilon,
                 ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint(s.x, s.y), s.srid), 4326)) as ilat
          from json_to_recordset(${JSON.stringify(all)}::json) as s(i int, srid int, lon float8, lat float8, x float8, y float8)
          order by s.i`);
        return { missing: absent, rows: result };
      }));
      if (missing.length > 0) {
        console.info(
          `${engine}: spatial_ref_sys lacked EPSG ${missing.join(', ')}; inserted our proj4 text (rolled back)`,
        );
      }
    });
    afterAll(async () => {
      await db?.close();
    });

    it("spatial_ref_sys's proj4 text has the registry parameters we wrote out", async () => {
      const present = await db.rows<{ srid: number; proj4text: string }>(
        sql`select srid, proj4text from spatial_ref_sys where srid between 4513 and 4554`,
      );
      for (const { srid, proj4text } of present) {
        const ours = GAUSS_KRUGER_ZONES.get(Number(srid)) as { proj4: string };
        for (const key of ['proj', 'lat_0', 'lon_0', 'k', 'x_0', 'y_0', 'ellps', 'units']) {
          expect(param(proj4text, key), `EPSG:${srid} +${key}`).toBe(param(ours.proj4, key));
        }
      }
      expect(present.length + missing.length).toBe(42);
    });

    it(`forward and inverse agree within ${MAX_M} m at ${all.length} points`, () => {
      expect(rows).toHaveLength(all.length);
      let worstForward = 0;
      let worstInverse = 0;
      for (const row of rows) {
        const p = all[row.i] as Probe;
        worstForward = Math.max(worstForward, Math.hypot(Number(row.fx) - p.x, Number(row.fy) - p.y));
        worstInverse = Math.max(worstInverse, metres([Number(row.ilon), Number(row.ilat)], [p.lon, p.lat]));
      }
      expect(worstForward).toBeLessThanOrEqual(MAX_M);
      expect(worstInverse).toBeLessThanOrEqual(MAX_M);
    });
  });
}

crsSuite('pglite', openTestDb);

// Skip list: none. Without TEST_DATABASE_URL the PostgreSQL half is skipped locally and fails in CI.
const available = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(available)('PostgreSQL + PostGIS', () => {
  crsSuite('postgres', openPostgresTestDb);
});
