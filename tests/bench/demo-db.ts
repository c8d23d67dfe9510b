/**
 * The demo county for benchmarks: the app's own seeded data, from the test template (built in
 * process by tests/helpers/template.ts — generateDemoCounty + seed into PGlite — when missing),
 * opened as a private in-memory PGlite.
 */
import { readFileSync } from 'node:fs';
import { type Db, openDb } from '../../db/client';
import { buildTemplate } from '../helpers/template';

export async function openDemoDb(): Promise<Db> {
  const path = await buildTemplate();
  return openDb({ loadDataDir: new Blob([readFileSync(path)]) });
}
