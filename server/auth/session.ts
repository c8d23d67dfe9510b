/** Server-side sessions: a random token in an HttpOnly cookie, its SHA-256 in the `sessions` table. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { findSessionUser, insertSession, touchSession } from '../../db/queries/accounts';
import type { TableVersions } from '../../db/queries/data-version';
import type { Actor } from './actor';
import type { AuthConfig } from './config';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function startSession(db: Db, userId: number, nowMs: number, clientAddress: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, { idHash: tokenHash(token), userId, nowMs, clientAddress });
  return token;
}

/** Last-seen is written at most once a minute, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The actor of a token (none when unknown, revoked, idle too long, too old, or the user is
 * disabled) and, with `withVersions`, the tables' data versions read in the same query.
 */
export async function resolveSession(
  db: Db,
  token: string,
  config: AuthConfig,
  withVersions = false,
): Promise<{ actor?: Actor; versions?: TableVersions }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return {};
  const idHash = tokenHash(token);
  // One query for the session, its user and the role's second-factor rule: this runs on every request.
  const row = await findSessionUser(db, idHash, withVersions);
  const versions = row?.versions ? { versions: row.versions } : {};
  const now = config.now();
  if (!row || row.revoked || row.disabled) return versions;
  if (now - row.lastSeenMs >= config.idleMs || now - row.createdMs >= config.absoluteMs) return versions;
  if (now - row.lastSeenMs > TOUCH_EVERY_MS) await touchSession(db, idHash, now);
  const actor: Actor = {
    userId: row.userId,
    username: row.username,
    role: row.role,
    township: row.townshipCode,
    mustChangePassword: row.mustChangePassword,
    mustEnrollTotp: !row.totpEnabled && row.roleRequiresTotp,
    sessionHash: idHash,
  };
  return { actor, ...versions };
}
