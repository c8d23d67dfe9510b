/**
 * The one write path (DESIGN.md "Writes"): authorize → (validated input) → change in one
 * transaction → audit row with before/after in the same transaction → bump the county's data
 * version. A write that fails leaves no change and one audit row saying why.
 */
import type { Db } from '../../db/client';
import { bumpDataVersion, insertAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import { dropVersionSnapshot } from '../services/data-version';
import type { Actor } from './actor';

export interface Who {
  actor: Actor | undefined;
  clientAddress: string;
  nowMs: number;
}

export interface AuditEvent {
  action: string;
  table?: string;
  rowId?: string | number;
  before?: unknown;
  after?: unknown;
  ok: boolean;
  reason?: string;
  /** For events without a signed-in actor (a failed sign-in names the user it tried). */
  actorName?: string;
}

export async function recordEvent(db: Db, who: Who, e: AuditEvent): Promise<void> {
  await insertAudit(db, {
    actor: who.actor?.username ?? e.actorName ?? null,
    role: who.actor?.role ?? null,
    township: who.actor?.township ?? null,
    clientAddress: who.clientAddress,
    action: e.action,
    tableName: e.table ?? null,
    rowId: e.rowId === undefined ? null : String(e.rowId),
    before: e.before ?? null,
    after: e.after ?? null,
    ok: e.ok,
    reason: e.reason ?? null,
    atMs: who.nowMs,
  });
}

export interface WriteOutcome<T> {
  result: T;
  /** The changed row (or rows) before and after; `undefined` before = a new row. */
  before?: unknown;
  after?: unknown;
  rowId?: string | number;
  /** The county whose data changed (its data version is bumped); none for accounts. */
  adcode?: string;
}

/**
 * Runs `change` in one transaction with its audit row and the data-version bump. `change` does
 * the scope check itself (it knows the row's township) by throwing ForbiddenError.
 */
export async function auditedWrite<T>(
  db: Db,
  who: Who,
  spec: { action: string; table: string; rowId?: string | number },
  change: (tx: Db) => Promise<WriteOutcome<T>>,
): Promise<T> {
  // what this request reads after its write must not come from versions read before it
  dropVersionSnapshot();
  try {
    return await db.transaction(async (tx) => {
      const out = await change(tx);
      if (out.adcode !== undefined) await bumpDataVersion(tx, out.adcode);
      await recordEvent(tx, who, {
        action: spec.action,
        table: spec.table,
        rowId: out.rowId ?? spec.rowId,
        before: out.before,
        after: out.after,
        ok: true,
      });
      return out.result;
    });
  } catch (err) {
    const raw = err instanceof AppError ? `${err.status} ${err.code}: ${err.message}` : 'internal error';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in text
    const reason = raw.replace(/\u0000/g, '').slice(0, 1000);
    await recordEvent(db, who, { action: spec.action, table: spec.table, rowId: spec.rowId, ok: false, reason });
    throw err;
  }
}
