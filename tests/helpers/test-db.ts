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
 * A copy of the TEST_DATABASE_URL database taken by global setup right after seeding, which no
 * test writes to: for comparisons that need the demo data exactly as seeded while the shared
 * database is being edited (and put back) by the writing suites, in whatever order they run.
 */
export async function openPristinePostgresTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return openDb({ databaseUrl: databaseUrlNamed(url, pristineDatabaseName(url)) });
}

/** The pristine copy's name: the test database's name with `_pristine`. */
export function pristineDatabaseName(url: string): string {
  return `${new URL(url).pathname.slice(1)}_pristine`;
}

/** The same server and credentials, another database. */
export function databaseUrlNamed(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
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
