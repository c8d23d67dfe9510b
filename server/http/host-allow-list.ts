/**
 * Refuses requests whose Host is not this server's (DNS rebinding: a hostile page whose name
 * resolves to 127.0.0.1 would otherwise read and write through the user's browser).
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors';

const LOCAL = ['localhost', '127.0.0.1', '[::1]'];

export function hostAllowList(publicHosts: readonly string[]): MiddlewareHandler {
  const allowed = new Set([...LOCAL, ...publicHosts.map((h) => h.toLowerCase())]);
  return async (c, next) => {
    const host = new URL(c.req.url).hostname.toLowerCase();
    if (!allowed.has(host)) {
      throw new AppError(
        421,
        'misdirected',
        `主机名 ${host.slice(0, 100)} 不在允许列表 (host not allowed; set PUBLIC_HOSTS)`,
      );
    }
    return next();
  };
}
