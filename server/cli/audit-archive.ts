/**
 * `npm run audit-archive -- FILE [--older-than DAYS]`: moves audit rows older than DAYS (default
 * and minimum 180 — 网络安全法 §21 keeps network logs at least six months) into FILE (JSON lines),
 * in one transaction: if the file cannot be written, nothing is deleted. The archive is itself
 * audited. Exit 0 = done, 1 = failed (nothing deleted), 2 = usage.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '../../db/open';
import { archiveAuditOlderThan } from '../../db/queries/audit';
import { recordEvent } from '../auth/audit';
import { readEnv } from '../env';

const RETENTION_DAYS = 180;
const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'older-than': { type: 'string' } } });
const file = positionals[0];
const days = Number(values['older-than'] ?? RETENTION_DAYS);
if (!file || !Number.isInteger(days) || days < RETENTION_DAYS) {
  console.error(`usage: npm run audit-archive -- FILE [--older-than DAYS ≥ ${RETENTION_DAYS}]`);
  process.exit(2);
}
if (existsSync(file)) {
  console.error(`${file} exists: choose a new file (an archive is never overwritten)`);
  process.exit(2);
}

const db = await openConfiguredDb(readEnv());
try {
  const rows = await archiveAuditOlderThan(db, days, (archived) => {
    writeFileSync(file, archived.map((r) => JSON.stringify(r)).join('\n') + (archived.length ? '\n' : ''), {
      flag: 'wx',
    });
  });
  await recordEvent(
    db,
    { actor: undefined, clientAddress: 'shell', nowMs: Date.now() },
    {
      action: 'audit.archive',
      table: 'audit_log',
      ok: true,
      actorName: 'shell',
      after: { file, rows: rows.length, olderThanDays: days },
    },
  );
  console.log(`archived ${rows.length} audit rows older than ${days} days to ${file}`);
} catch (err) {
  console.error(`archive failed, nothing deleted: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
