/**
 * PostgreSQL backup and restore through the PostgreSQL client tools, run with execFile (no
 * shell): `pg_dump -Fc` and `pg_restore --clean --if-exists --no-owner` in one transaction, so
 * a failing restore changes nothing. The password goes to the tools in PGPASSWORD, not on the
 * command line (where `ps` shows it).
 *
 * Extensions (PostGIS, pgRouting) are created by a superuser, not by the app's role: the restore
 * leaves those the database already has alone, with their own tables (spatial_ref_sys; dropping
 * or writing them is not the role's to do), and needs a superuser to create missing ones first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { BackupError } from './backup-error';
import { writeNew } from './backup-file';

const run = promisify(execFile);

/** Runs a PostgreSQL client tool against `url`; a missing tool or a failure is a BackupError. */
async function pgTool(tool: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<string> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const withDb = args.map((a) => (a === '{url}' ? u.toString() : a));
  try {
    return (await run(tool, withDb, { env, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as { code?: string | number; stderr?: string; message: string };
    if (err.code === 'ENOENT')
      throw new BackupError(
        `找不到 ${tool}：请安装 PostgreSQL 客户端（apt-get install postgresql-client）`,
        `${tool} not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client)`,
      );
    const reason = (err.stderr ?? '').trim() || err.message;
    throw new BackupError(`${tool} 失败：${reason}`, `${tool} failed: ${reason}`);
  }
}

/** Writes `pg_dump -Fc` of `url` to `file` (a new file); returns its size in bytes. */
export async function backupPostgres(url: string, file: string): Promise<number> {
  await writeNew(file, async (tmp) => {
    await pgTool('pg_dump', url, ['-Fc', '-f', tmp, '--dbname', '{url}']);
  });
  return statSync(file).size;
}

interface Target {
  appTables: boolean;
  superuser: boolean;
  extensions: Set<string>;
  /** `schema.table` of the installed extensions' configuration tables (spatial_ref_sys). */
  extensionTables: Set<string>;
}

async function inspect(url: string): Promise<Target> {
  const db = await openDb({ databaseUrl: url });
  try {
    const [t] = await db.rows<{ app: boolean; superuser: boolean; extensions: string[]; tables: string[] }>(
      sql`SELECT (to_regclass('public.counties') IS NOT NULL OR to_regclass('drizzle.__drizzle_migrations') IS NOT NULL) AS app,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            (SELECT coalesce(array_agg(extname::text), '{}') FROM pg_extension) AS extensions,
            (SELECT coalesce(array_agg(n.nspname || '.' || c.relname), '{}')
              FROM pg_extension e CROSS JOIN unnest(e.extconfig) AS x(oid)
              JOIN pg_class c ON c.oid = x.oid JOIN pg_namespace n ON n.oid = c.relnamespace) AS tables`,
    );
    if (!t) throw new Error('no answer from the target database');
    return {
      appTables: t.app,
      superuser: t.superuser,
      extensions: new Set(t.extensions),
      extensionTables: new Set(t.tables),
    };
  } catch (e) {
    const reason = (e as Error).message;
    throw new BackupError(`无法连接目标数据库：${reason}`, `cannot reach the target database: ${reason}`);
  } finally {
    await db.close();
  }
}

/**
 * The archive's table of contents without the extensions the target already has (their entry,
 * its COMMENT and the data of their configuration tables); the missing extensions as well.
 */
function restoreList(toc: string, target: Target): { list: string; missing: string[] } {
  const missing: string[] = [];
  const keep = toc.split('\n').filter((line) => {
    const ext = /^\d+; \d+ \d+ EXTENSION - (\S+)/.exec(line)?.[1];
    if (ext !== undefined && !target.extensions.has(ext)) missing.push(ext);
    const name = ext ?? /^\d+; \d+ \d+ COMMENT - EXTENSION (\S+)/.exec(line)?.[1];
    if (name !== undefined) return !target.extensions.has(name);
    const data = /^\d+; \d+ \d+ TABLE DATA (\S+) (\S+) /.exec(line);
    return !data || !target.extensionTables.has(`${data[1]}.${data[2]}`);
  });
  return { list: keep.join('\n'), missing };
}

/** Restores `file` into `url`; a database that already has the app's tables only with `force`. */
export async function restorePostgres(url: string, file: string, force: boolean): Promise<void> {
  const target = await inspect(url);
  if (target.appTables && !force)
    throw new BackupError(
      '目标数据库已有消防一张图的表：确认要用备份替换时加 --force',
      "the target database already has fireatlas's tables: add --force to replace them with the backup",
    );
  const { list, missing } = restoreList(await pgTool('pg_restore', url, ['-l', file]), target);
  if (missing.length > 0 && !target.superuser) {
    const create = missing.map((x) => `CREATE EXTENSION ${x};`).join(' ');
    throw new BackupError(
      `目标数据库缺少扩展 ${missing.join('、')}：请由超级用户先执行 ${create}`,
      `the target database lacks the extension(s) ${missing.join(', ')}: a superuser must first run ${create}`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'fireatlas-restore-'));
  try {
    const listFile = join(dir, 'toc.list');
    writeFileSync(listFile, list);
    await pgTool('pg_restore', url, [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--exit-on-error',
      '-L',
      listFile,
      '-d',
      '{url}',
      file,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
