/**
 * Sets the request's actor (from the session cookie), client address, database and settings;
 * a read request runs with the data versions read alongside its session (data-version.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../../db/client';
import { withVersionSnapshot } from '../services/data-version';
import type { AppEnv } from './actor';
import { type AuthConfig, SESSION_COOKIE } from './config';
import { resolveSession } from './session';

/** The peer address (node server), or X-Forwarded-For's first hop when behind a trusted proxy. */
export function clientAddressOf(c: Parameters<MiddlewareHandler>[0], trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

export function sessionMiddleware(db: Db, config: AuthConfig): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('db', db);
    c.set('auth', config);
    c.set('clientAddress', clientAddressOf(c, config.trustProxy));
    const token = getCookie(c, SESSION_COOKIE);
    // a read takes the data versions with its session (one round trip); a write reads them as it goes
    const reads = c.req.method === 'GET' || c.req.method === 'HEAD';
    const session = token ? await resolveSession(db, token, config, reads) : {};
    c.set('actor', session.actor);
    return session.versions ? withVersionSnapshot(db, session.versions, next) : next();
  };
}
