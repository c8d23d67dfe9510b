/** Opens the configured database and brings its schema up to date. */
import { mkdirSync } from 'node:fs';
import { type Db, openDb } from './client';
import { migrate } from './migrate';

/** Where the database is: a PostgreSQL URL, else the PGlite data directory. */
export interface DbLocation {
  DATABASE_URL?: string;
  DATA_DIR: string;
}

export async function openConfiguredDb(env: DbLocation): Promise<Db> {
  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrate(db);
  return db;
}
