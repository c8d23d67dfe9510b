/** Prepares the shared test databases once per run: the PGlite template, and PostgreSQL when configured. */
import { buildTemplate } from './template';

export default async function setup(): Promise<void> {
  await buildTemplate();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const { openDb } = await import('../../db/client');
    const { migrate } = await import('../../db/migrate');
    const { ensureDemoCounty } = await import('../../server/services/demo-county');
    const db = await openDb({ databaseUrl: url });
    await migrate(db);
    await ensureDemoCounty(db, { reset: true });
    await db.close();
  }
}
