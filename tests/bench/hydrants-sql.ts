/**
 * bench-county input and the PostGIS side of hydrants.bench.ts: the CSVs, the two SQL
 * engines (PGlite + PostGIS in process, PostgreSQL + PostGIS) behind one method, temp tables
 * with a GiST index on geography, and the timed ST_DWithin / KNN queries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import postgres from 'postgres';
import { medianMs } from './stats';

export const RUNS = 7;
export const RADIUS_M = 150;

export interface Csv {
  header: string[];
  rows: string[][];
}

export function csv(name: string): Csv {
  const text = readFileSync(join(process.cwd(), '../shared/data/bench-county', name), 'utf8').trim();
  const [head = '', ...lines] = text.split('\n');
  return { header: head.split(','), rows: lines.map((l) => l.split(',')) };
}

/** Points keep their CSV text too, so both engines parse the very same decimals. */
export interface BenchPoint {
  id: number;
  lon: number;
  lat: number;
  text: [string, string, string];
}

export function points(name: string): BenchPoint[] {
  return csv(name).rows.map(([id = '', lon = '', lat = '']) => ({
    id: Number(id),
    lon: Number(lon),
    lat: Number(lat),
    text: [id, lon, lat],
  }));
}

/** The two SQL engines behind one method. */
export interface Sql {
  name: string;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function pglite(): Promise<Sql> {
  const pg = await PGlite.create({ extensions: { postgis } });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    name: 'PGlite + PostGIS',
    query: async <T>(text: string, params?: unknown[]) => (await pg.query<T>(text, params)).rows,
    close: () => pg.close(),
  };
}

export function postgresql(url: string): Sql {
  // One connection: the tables are TEMP, private to it.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return {
    name: 'PostgreSQL + PostGIS',
    query: async <T>(text: string, params?: unknown[]) =>
      (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    close: () => sql.end(),
  };
}

export const arrayLiteral = (values: string[]) => `{${values.join(',')}}`;

async function load(db: Sql, table: string, rows: BenchPoint[]): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.query(`CREATE TEMP TABLE ${table} (id int PRIMARY KEY, geog geography(Point, 4326) NOT NULL)`);
  await db.query(
    `INSERT INTO ${table}
     SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography
     FROM unnest($1::int[], $2::float8[], $3::float8[]) AS t(id, lon, lat)`,
    [0, 1, 2].map((k) => arrayLiteral(rows.map((r) => r.text[k] as string))),
  );
  await db.query(`CREATE INDEX ON ${table} USING gist (geog)`);
  await db.query(`ANALYZE ${table}`);
}

const UNCOVERED_SQL = `
  SELECT s.id FROM bench_sites s
  WHERE NOT EXISTS (SELECT 1 FROM bench_hydrants h WHERE ST_DWithin(s.geog, h.geog, ${RADIUS_M}))`;
const NEAREST_SQL = `
  SELECT s.id, n.id AS hydrant, ST_Distance(s.geog, n.geog) AS d
  FROM bench_sites s
  CROSS JOIN LATERAL (SELECT h.id, h.geog FROM bench_hydrants h ORDER BY h.geog <-> s.geog LIMIT 1) n`;

export interface EngineResult {
  name: string;
  uncoveredMs: number;
  nearestMs: number;
  uncovered: Set<number>;
  nearest: Map<number, { hydrant: number; d: number }>;
}

export async function measure(db: Sql, sites: BenchPoint[], hydrants: BenchPoint[]): Promise<EngineResult> {
  await db.query('SET jit = off').catch(() => undefined); // PGlite has no JIT
  await load(db, 'bench_sites', sites);
  await load(db, 'bench_hydrants', hydrants);
  let uncoveredRows: { id: number }[] = [];
  const uncoveredMs = await medianMs(RUNS, async () => {
    uncoveredRows = await db.query<{ id: number }>(UNCOVERED_SQL);
  });
  let nearestRows: { id: number; hydrant: number; d: number }[] = [];
  const nearestMs = await medianMs(RUNS, async () => {
    nearestRows = await db.query(NEAREST_SQL);
  });
  return {
    name: db.name,
    uncoveredMs,
    nearestMs,
    uncovered: new Set(uncoveredRows.map((r) => Number(r.id))),
    nearest: new Map(nearestRows.map((r) => [Number(r.id), { hydrant: Number(r.hydrant), d: Number(r.d) }])),
  };
}
