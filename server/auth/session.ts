/** Server-side sessions: a random token in an HttpOnly cookie, its SHA-256 in the `sessions` table. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { findSessionUser, insertSession, touchSession } from '../../db/queries/accounts';
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

/** The actor of a token, or undefined when unknown, revoked, idle too long, too old, or the user is disabled. */
export async function resolveSession(db: Db, token: string, config: AuthConfig): Promise<Actor | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const idHash = tokenHash(token);
  // One query for the session, its user and the role's second-factor rule: this runs on every request.
  const row = await findSessionUser(db, idHash);
  const now = config.now();
  if (!row || row.revoked || row.disabled) return undefined;
  if (now - row.lastSeenMs >= config.idleMs || now - row.createdMs >= config.absoluteMs) return undefined;
  if (now - row.lastSeenMs > TOUCH_EVERY_MS) await touchSession(db, idHash, now);
  return {
    userId: row.userId,
    username: row.username,
    role: row.role,
    township: row.townshipCode,
    mustChangePassword: row.mustChangePassword,
    mustEnrollTotp: !row.totpEnabled && row.roleRequiresTotp,
    sessionHash: idHash,
  };
}
