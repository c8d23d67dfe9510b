/** Applies the committed drizzle-kit migrations (db/migrations) on either engine. */
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Db } from './client';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(db: Db): Promise<void> {
  // Both drivers run the same SQL files; only the migrator entry point differs.
  // biome-ignore lint/suspicious/noExplicitAny: the two migrators take their own driver types.
  const orm = db.orm as any;
  if (db.engine === 'pglite') await migratePglite(orm, { migrationsFolder });
  else await migratePostgres(orm, { migrationsFolder });
}
