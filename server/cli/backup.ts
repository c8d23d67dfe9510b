/**
 * `npm run backup -- FILE`: the configured database to a new FILE — PGlite (DATA_DIR): the data
 * directory as a gzip tarball (stop `npm start` first: one process per data directory);
 * PostgreSQL (DATABASE_URL): `pg_dump -Fc`. An existing FILE is never overwritten.
 * Exit codes: 0 written, 1 failed (nothing written), 2 wrong arguments.
 */
import { parseArgs } from 'node:util';
import { readEnv } from '../env';
import { backup } from '../services/backup';
import { printFailure, printReport } from './backup-print';

const USAGE = `用法 / usage: npm run backup -- FILE
  FILE  新的备份文件（已存在则拒绝）/ a new backup file (an existing one is refused)
  PGlite：先停止 npm start / stop npm start first; PostgreSQL：pg_dump -Fc of DATABASE_URL`;

function fileArg(argv: string[]): string {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) return '';
    if (positionals.length !== 1) throw new Error('需要一个文件 / exactly one FILE');
    return positionals[0] as string;
  } catch (e) {
    console.error((e as Error).message);
    console.error(USAGE);
    process.exit(2);
  }
}

const file = fileArg(process.argv.slice(2));
if (file === '') {
  console.log(USAGE);
  process.exit(0);
}
try {
  printReport({ zh: '备份已写入', en: 'backup written' }, await backup(readEnv(), file));
  process.exit(0);
} catch (e) {
  process.exit(printFailure({ zh: '备份失败，未写入文件', en: 'backup failed, nothing written' }, e));
}
