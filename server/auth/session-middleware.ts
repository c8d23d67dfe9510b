/** Sets the request's actor (from the session cookie), client address, database and settings. */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../../db/client';
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
    c.set('actor', token ? await resolveSession(db, token, config) : undefined);
    return next();
  };
}
