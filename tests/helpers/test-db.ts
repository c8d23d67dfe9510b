/** Real databases for tests: a PGlite copy of the prepared template, or the CI PostgreSQL. */
import { readFileSync } from 'node:fs';
import { type Db, openDb } from '../../db/client';
import { templatePath } from './template';

/** A private in-memory PGlite, migrated and demo-seeded (from the template built in global setup). */
export async function openTestDb(): Promise<Db> {
  const tarball = new Blob([readFileSync(templatePath())]);
  return openDb({ loadDataDir: tarball });
}

/** The PostgreSQL + PostGIS database of TEST_DATABASE_URL (migrated and seeded by global setup). */
export async function openPostgresTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return openDb({ databaseUrl: url });
}

/**
 * Whether a suite that needs an optional part (PostgreSQL, Chromium) should run. With
 * FIREATLAS_REQUIRE_ALL=1 (set by .ci/run) a missing part fails the run instead of skipping.
 */
export function requirePart(part: string, available: boolean): boolean {
  if (!available && process.env.FIREATLAS_REQUIRE_ALL === '1') {
    throw new Error(`${part} is required (FIREATLAS_REQUIRE_ALL=1) but not available`);
  }
  return available;
}
