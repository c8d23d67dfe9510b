/** The TOTP second factor: a user sets it up (secret → code proves it), an admin requires it per role or resets it. */
import type { Db } from '../../db/client';
import {
  findUserById,
  rolesRequiringTotp,
  setRolesRequiringTotp,
  setTotp,
  useTotpStep,
} from '../../db/queries/accounts';
import type { Actor } from '../auth/actor';
import { auditedWrite, recordEvent, type Who } from '../auth/audit';
import type { Role } from '../auth/roles';
import { newTotpSecret, totpUri, verifyTotp } from '../auth/totp';
import { AppError, ConflictError, NotFoundError, UnauthenticatedError } from '../errors';

/** A new pending secret for the signed-in user (shown once, as text and otpauth:// URI). */
export async function startTotpSetup(db: Db, who: Who, actor: Actor) {
  const user = await findUserById(db, actor.userId);
  if (!user) throw new UnauthenticatedError();
  if (user.totpEnabled)
    throw new ConflictError('动态验证码已启用；如需更换请联系管理员重置 (already set up: ask an admin to reset it)');
  const secret = newTotpSecret();
  await setTotp(db, user.id, secret, false);
  await recordEvent(db, who, { action: 'auth.totp_setup', ok: true, table: 'users', rowId: user.id });
  return { secret, uri: totpUri(user.username, secret) };
}

/** Enables the pending secret once a code from it is shown. */
export async function enableTotp(db: Db, who: Who, actor: Actor, code: string) {
  const user = await findUserById(db, actor.userId);
  if (!user?.totpSecret || user.totpEnabled)
    throw new ConflictError('没有待启用的动态验证码 (no pending setup: start one first)');
  const step = await verifyTotp(user.totpSecret, code, who.nowMs);
  if (step === undefined) {
    await recordEvent(db, who, {
      action: 'auth.totp_enable',
      ok: false,
      reason: 'wrong code',
      table: 'users',
      rowId: user.id,
    });
    throw new AppError(400, 'invalid_parameter', '动态验证码不正确 (the code does not match)');
  }
  await db.transaction(async (tx) => {
    await setTotp(tx, user.id, user.totpSecret, true);
    await useTotpStep(tx, user.id, step);
    await recordEvent(tx, who, { action: 'auth.totp_enable', ok: true, table: 'users', rowId: user.id });
  });
  return { enabled: true as const };
}

export async function resetTotp(db: Db, who: Who, id: number) {
  const user = await findUserById(db, id);
  if (!user) throw new NotFoundError(`user ${id} not found`);
  await auditedWrite(db, who, { action: 'user.reset_totp', table: 'users', rowId: id }, async (tx) => {
    await setTotp(tx, id, null, false);
    return { result: undefined, before: { totpEnabled: user.totpEnabled }, after: { totpEnabled: false } };
  });
}

export async function totpPolicy(db: Db) {
  return { totpRoles: (await rolesRequiringTotp(db)) as Role[] };
}

export async function setTotpPolicy(db: Db, who: Who, roles: readonly Role[]) {
  const before = await rolesRequiringTotp(db);
  await auditedWrite(db, who, { action: 'settings.totp_roles', table: 'role_policies' }, async (tx) => {
    await setRolesRequiringTotp(tx, [...new Set(roles)]);
    return { result: undefined, before: { totpRoles: before }, after: { totpRoles: roles } };
  });
  return totpPolicy(db);
}
