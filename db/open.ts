/** Opens the configured database and brings its schema up to date. */
import { mkdirSync } from 'node:fs';
import type { Env } from '../server/env';
import { type Db, openDb } from './client';
import { migrate } from './migrate';

export async function openConfiguredDb(env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>): Promise<Db> {
  if (!env.DATABASE_URL) mkdirSync(env.DATA_DIR, { recursive: true });
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrate(db);
  return db;
}
