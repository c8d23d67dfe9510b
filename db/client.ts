/**
 * One database handle for both engines: PGlite + PostGIS embedded in the process (default,
 * persisted in DATA_DIR) or PostgreSQL + PostGIS through postgres.js (DATABASE_URL).
 */
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Engine = 'pglite' | 'postgres';
export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A query that had to return a row returned none (PGlite turns some GEOS errors into zero rows). */
export class NoRowError extends Error {
  constructor(what: string) {
    super(`expected a row from ${what}, got none`);
    this.name = 'NoRowError';
  }
}

export interface Db {
  readonly engine: Engine;
  readonly orm: Orm;
  /** All rows of a raw SQL query. */
  rows<T>(query: SQL): Promise<T[]>;
  /** Exactly one row, or NoRowError: never trust "no row" to mean "no error" (DESIGN.md, Known pitfalls). */
  one<T>(query: SQL, what?: string): Promise<T>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function wrap(engine: Engine, orm: Orm, close: () => Promise<void>): Db {
  const db: Db = {
    engine,
    orm,
    async rows<T>(query: SQL) {
      const result = (await orm.execute(query)) as unknown as T[] | { rows: T[] };
      return Array.isArray(result) ? result : result.rows;
    },
    async one<T>(query: SQL, what = 'query') {
      const [row] = await db.rows<T>(query);
      if (row === undefined) throw new NoRowError(what);
      return row;
    },
    transaction: (fn) => orm.transaction((tx) => fn(wrap(engine, tx as unknown as Orm, close))),
    close,
  };
  return db;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite engine is used. */
  databaseUrl?: string;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (a tarball), e.g. a prepared test database. */
  loadDataDir?: Blob;
}

export async function openDb(options: OpenOptions): Promise<Db> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: 10,
      onnotice: () => {},
      // JIT adds ~55 ms to short spatial queries on Debian's PostgreSQL 15 (DESIGN.md, Known pitfalls).
      connection: { jit: 'off', application_name: 'fireatlas' },
    });
    const orm = drizzlePostgres(client, { schema }) as unknown as Orm;
    return wrap('postgres', orm, () => client.end());
  }
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { postgis },
  });
  const orm = drizzlePglite(pg, { schema }) as unknown as Orm;
  return wrap('pglite', orm, () => pg.close());
}

/** PGlite only: the whole data directory as a tarball (prepared test databases). */
export async function dumpPglite(db: Db): Promise<Blob> {
  const client = (db.orm as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('gzip');
}
