/**
 * `npm run restore -- FILE [--force]`: the configured database from a backup made by
 * `npm run backup`. Existing data (a non-empty DATA_DIR; a PostgreSQL database with the app's
 * tables) is replaced only with --force. PGlite: stop `npm start` first; PostgreSQL: restart the
 * server afterwards. Exit codes: 0 restored, 1 refused or failed (nothing changed), 2 wrong arguments.
 */
import { parseArgs } from 'node:util';
import { readEnv } from '../env';
import { restore } from '../services/backup';
import { printFailure, printReport } from './backup-print';

const USAGE = `用法 / usage: npm run restore -- FILE [--force]
  FILE     npm run backup 写的备份 / a backup written by npm run backup
  --force  替换已有数据 / replace existing data`;

function restoreArgs(argv: string[]): { file: string; force: boolean } | undefined {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) return undefined;
    if (positionals.length !== 1) throw new Error('需要一个文件 / exactly one FILE');
    return { file: positionals[0] as string, force: values.force };
  } catch (e) {
    console.error((e as Error).message);
    console.error(USAGE);
    process.exit(2);
  }
}

const args = restoreArgs(process.argv.slice(2));
if (!args) {
  console.log(USAGE);
  process.exit(0);
}
try {
  printReport({ zh: '已恢复', en: 'restored' }, await restore(readEnv(), args.file, { force: args.force }));
  process.exit(0);
} catch (e) {
  process.exit(printFailure({ zh: '恢复失败，数据未改变', en: 'restore failed, nothing changed' }, e));
}
