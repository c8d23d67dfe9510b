/**
 * `npm run backup` / `npm run restore`: the configured database (DATABASE_URL → PostgreSQL,
 * else the PGlite DATA_DIR) to a file and back. The file's kind is read from its first bytes;
 * a PGlite tarball is not restored into PostgreSQL or the other way round.
 */
import { statSync } from 'node:fs';
import type { Engine } from '../../db/client';
import type { DbLocation } from '../../db/open';
import { BackupError } from './backup-error';
import { backupKind } from './backup-file';
import { backupPglite, restorePglite } from './backup-pglite';
import { backupPostgres, restorePostgres } from './backup-postgres';

export interface BackupReport {
  file: string;
  engine: Engine;
  bytes: number;
  ms: number;
}

export async function backup(env: DbLocation, file: string): Promise<BackupReport> {
  const t0 = performance.now();
  const bytes = env.DATABASE_URL
    ? await backupPostgres(env.DATABASE_URL, file)
    : await backupPglite(env.DATA_DIR, file);
  const engine: Engine = env.DATABASE_URL ? 'postgres' : 'pglite';
  return { file, engine, bytes, ms: Math.round(performance.now() - t0) };
}

export async function restore(env: DbLocation, file: string, options: { force: boolean }): Promise<BackupReport> {
  const t0 = performance.now();
  const kind = await backupKind(file);
  const engine: Engine = env.DATABASE_URL ? 'postgres' : 'pglite';
  if (engine === 'postgres' && kind === 'pglite')
    throw new BackupError(
      '这是 PGlite 数据目录备份，不能恢复到 PostgreSQL（DATABASE_URL）：不设 DATABASE_URL、用 DATA_DIR 恢复它',
      'this is a PGlite data-directory backup, not for PostgreSQL (DATABASE_URL): restore it with DATABASE_URL unset, into DATA_DIR',
    );
  if (engine === 'pglite' && kind === 'pg_dump')
    throw new BackupError(
      '这是 PostgreSQL 备份（pg_dump），不能恢复到 PGlite：设置 DATABASE_URL 指向目标 PostgreSQL 数据库',
      'this is a PostgreSQL backup (pg_dump), not for PGlite: set DATABASE_URL to the target PostgreSQL database',
    );
  if (env.DATABASE_URL) await restorePostgres(env.DATABASE_URL, file, options.force);
  else await restorePglite(env.DATA_DIR, file, options.force);
  return { file, engine, bytes: statSync(file).size, ms: Math.round(performance.now() - t0) };
}
