/** Prepares the shared test databases once per run: the PGlite template, and PostgreSQL when configured. */
import { sql } from 'drizzle-orm';
import { buildTemplate } from './template';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  await buildTemplate();
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const { openDb } = await import('../../db/client');
  const { migrate } = await import('../../db/migrate');
  const { ensureDemoCounty } = await import('../../server/services/demo-county');
  const { databaseUrlNamed, pristineDatabaseName } = await import('./test-db');
  const db = await openDb({ databaseUrl: url });
  await migrate(db);
  await ensureDemoCounty(db, { reset: true });
  await db.close();
  // The pristine copy (openPristinePostgresTestDb): taken now, while nothing is connected to the
  // seeded database (CREATE DATABASE … TEMPLATE needs that), and dropped when the run ends.
  const pristine = pristineDatabaseName(url);
  const admin = await openDb({ databaseUrl: databaseUrlNamed(url, 'postgres') });
  const drop = () => admin.rows(sql.raw(`DROP DATABASE IF EXISTS ${pristine} WITH (FORCE)`));
  await drop();
  await admin.rows(sql.raw(`CREATE DATABASE ${pristine} TEMPLATE ${new URL(url).pathname.slice(1)}`));
  return async () => {
    await drop();
    await admin.close();
  };
}
