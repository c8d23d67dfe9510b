/**
 * Backup files: which kind a file is (by its first bytes, never its name), and writing a new
 * one without ever replacing an existing file or leaving a partial one behind.
 */
import { closeSync, createReadStream, existsSync, linkSync, openSync, readSync, rmSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { BackupError } from './backup-error';

/** `pglite`: a gzip tarball of a PGlite data directory; `pg_dump`: a pg_dump custom-format archive. */
export type BackupKind = 'pglite' | 'pg_dump';

const firstBytes = (file: string, n: number): Buffer => {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
};

/** The first `n` bytes of a gzip file, decompressed (fewer if the stream is shorter or broken). */
function gunzipHead(file: string, n: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const input = createReadStream(file);
    const gunzip = createGunzip();
    const done = () => {
      input.destroy();
      gunzip.destroy();
      resolve(Buffer.concat(chunks).subarray(0, n));
    };
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= n) done();
    });
    gunzip.on('end', done);
    gunzip.on('error', done);
    input.on('error', done);
    input.pipe(gunzip);
  });
}

/** The kind of a backup file, or a BackupError saying it is neither. */
export async function backupKind(file: string): Promise<BackupKind> {
  if (!existsSync(file)) throw new BackupError(`文件不存在：${file}`, `no such file: ${file}`);
  const head = firstBytes(file, 5);
  if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
  // A tar header is 512 bytes with "ustar" at offset 257.
  if (head[0] === 0x1f && head[1] === 0x8b && (await gunzipHead(file, 512)).subarray(257, 262).toString() === 'ustar')
    return 'pglite';
  throw new BackupError(
    `不是消防一张图的备份文件（既不是 PGlite 数据目录压缩包，也不是 pg_dump 自定义格式）：${file}`,
    `not a fireatlas backup (neither a PGlite data-directory tarball nor a pg_dump custom-format archive): ${file}`,
  );
}

/** Refuses an existing `file` before any work is done. */
export function refuseExisting(file: string): void {
  if (existsSync(file))
    throw new BackupError(
      `${file} 已存在：请换一个新文件名（备份从不覆盖已有文件）`,
      `${file} exists: choose a new file (a backup never overwrites a file)`,
    );
}

/**
 * Lets `write` fill a temporary file next to `file`, then links it into place: `file` appears
 * complete or not at all, and an existing one (even one created meanwhile) is never replaced.
 */
export async function writeNew(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  refuseExisting(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await write(tmp);
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') refuseExisting(file);
      throw e;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}
