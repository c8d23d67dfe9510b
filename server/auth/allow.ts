/**
 * `allow(permission)`: the rule every API route carries (roles.ts). Without a session → 401;
 * with a pending password change only `self` routes answer; outside the role → 403 (and a
 * refused write is audited). The permission is tagged on the middleware so a test can walk
 * the app's routes and find any route without one.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError, ForbiddenError, UnauthenticatedError } from '../errors';
import type { AppEnv } from './actor';
import { recordEvent } from './audit';
import { type Permission, roleMay } from './roles';

export const PERMISSION_TAG = Symbol('permission');
export type TaggedMiddleware = MiddlewareHandler<AppEnv> & { [PERMISSION_TAG]: Permission };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function allow(permission: Permission): TaggedMiddleware {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (permission === 'public') return next();
    const actor = c.get('actor');
    if (!actor) throw new UnauthenticatedError();
    if (actor.mustChangePassword && permission !== 'self') {
      throw new AppError(403, 'password_change_required', '请先修改密码 (change your password first)');
    }
    if (actor.mustEnrollTotp && permission !== 'self') {
      throw new AppError(
        403,
        'totp_enrollment_required',
        '请先设置动态验证码（双因素认证）(set up the second factor first)',
      );
    }
    if (!roleMay(actor.role, permission)) {
      if (!SAFE.has(c.req.method)) {
        await recordEvent(
          c.get('db'),
          { actor, clientAddress: c.get('clientAddress'), nowMs: c.get('auth').now() },
          { action: `${c.req.method} ${c.req.routePath}`, ok: false, reason: `403 forbidden: ${permission}` },
        );
      }
      throw new ForbiddenError(undefined, { permission, role: actor.role });
    }
    return next();
  };
  return Object.assign(mw, { [PERMISSION_TAG]: permission });
}
