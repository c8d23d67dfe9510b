/** What the backup and restore CLIs print: the report on success, the reason in both languages on failure. */

import type { BackupReport } from '../services/backup';
import { BackupError } from '../services/backup-error';

const ENGINE = { pglite: 'PGlite（DATA_DIR）', postgres: 'PostgreSQL（DATABASE_URL）' } as const;

export function printReport(verb: { zh: string; en: string }, r: BackupReport): void {
  console.log(
    `${verb.zh} / ${verb.en}: ${r.file} — ${r.bytes.toLocaleString('en-US')} bytes, ${ENGINE[r.engine]}, ${r.ms.toLocaleString('en-US')} ms`,
  );
}

/** Prints why it failed; returns the exit code (1). */
export function printFailure(what: { zh: string; en: string }, e: unknown): 1 {
  const head = `${what.zh} / ${what.en}:`;
  if (e instanceof BackupError) console.error(`${head}\n  ${e.zh}\n  ${e.en}`);
  else console.error(`${head}\n  ${(e as Error).stack ?? e}`);
  return 1;
}
