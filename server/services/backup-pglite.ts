/**
 * PGlite backup and restore: the data directory as a gzip tarball (PGlite's dumpDataDir), and
 * back. One process per data directory: the server must be stopped while either runs. A restore
 * loads the tarball into a new directory next to DATA_DIR and only then swaps it in, so a bad
 * file leaves the old data as it was.
 */
import { existsSync, mkdirSync, openAsBlob, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { dumpPglite, openDb } from '../../db/client';
import { BackupError } from './backup-error';
import { writeNew } from './backup-file';

const hasDatabase = (dir: string) => existsSync(resolve(dir, 'PG_VERSION'));
const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/** Writes the data directory `dataDir` to `file` (a new file); returns its size in bytes. */
export async function backupPglite(dataDir: string, file: string): Promise<number> {
  if (!hasDatabase(dataDir))
    throw new BackupError(`DATA_DIR 中没有数据库：${dataDir}`, `no database in DATA_DIR: ${dataDir}`);
  let bytes = 0;
  await writeNew(file, async (tmp) => {
    const db = await openDb({ dataDir });
    try {
      const dump = Buffer.from(await (await dumpPglite(db)).arrayBuffer());
      writeFileSync(tmp, dump, { flag: 'wx' });
      bytes = dump.length;
    } finally {
      await db.close();
    }
  });
  return bytes;
}

/** Replaces `dataDir` with the database in `file`; a non-empty `dataDir` only with `force`. */
export async function restorePglite(dataDir: string, file: string, force: boolean): Promise<void> {
  const target = resolve(dataDir);
  if (!isEmptyDir(target) && !force)
    throw new BackupError(
      `DATA_DIR 已有数据（${target}）：确认要用备份替换它时加 --force`,
      `DATA_DIR already holds data (${target}): add --force to replace it with the backup`,
    );
  const fresh = `${target}.restore-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  try {
    const db = await openDb({ dataDir: fresh, loadDataDir: await openAsBlob(file) });
    try {
      const [row] = await db.rows<{ app: boolean }>(sql`SELECT to_regclass('public.counties') IS NOT NULL AS app`);
      if (!row?.app)
        throw new BackupError(
          '备份中的数据库不是消防一张图的（没有 counties 表）',
          "the backup's database is not a fireatlas database (no counties table)",
        );
    } finally {
      await db.close();
    }
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    if (e instanceof BackupError) throw e;
    throw new BackupError(
      `无法读取备份，原数据未改变：${(e as Error).message}`,
      `cannot load the backup, the old data is unchanged: ${(e as Error).message}`,
    );
  }
  if (existsSync(target)) renameSync(target, old);
  try {
    renameSync(fresh, target);
  } catch (e) {
    if (existsSync(old)) renameSync(old, target);
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}
