/**
 * Sign-in, sign-out, password change (issue 11; GB/T 22239-2019 level-2 practice, docs/standards.md).
 * Account administration is in account-admin.ts.
 */
import type { Db } from '../../db/client';
import {
  clearFailures,
  findUserByName,
  lockUser,
  recordFailure,
  requirePasswordChange,
  revokeSession,
  revokeUserSessions,
  roleRequiresTotp,
  setPassword,
  throttleState,
  type UserRow,
  useTotpStep,
} from '../../db/queries/accounts';
import type { Actor } from '../auth/actor';
import { recordEvent, type Who } from '../auth/audit';
import type { AuthConfig } from '../auth/config';
import { checkPassword, passwordExpired, policyMessage } from '../auth/password-policy';
import { dummyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { permissionsOf } from '../auth/roles';
import { startSession } from '../auth/session';
import { verifyTotp } from '../auth/totp';
import { AppError, InvalidParameterError, UnauthenticatedError } from '../errors';

const BAD_CREDENTIALS = '用户名或密码错误 (wrong user name or password)';

export function presentUser(
  u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'townshipCode' | 'mustChangePassword' | 'disabled'>,
) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    township: u.townshipCode,
    mustChangePassword: u.mustChangePassword,
    disabled: u.disabled,
    permissions: permissionsOf(u.role),
  };
}

export function presentActor(a: Actor) {
  return {
    username: a.username,
    role: a.role,
    township: a.township,
    mustChangePassword: a.mustChangePassword,
    mustEnrollTotp: a.mustEnrollTotp,
    permissions: permissionsOf(a.role),
  };
}

function lockedError(untilMs: number, nowMs: number): AppError {
  const minutes = Math.max(1, Math.ceil((untilMs - nowMs) / 60_000));
  return new AppError(
    423,
    'locked',
    `登录失败次数过多，请 ${minutes} 分钟后再试 (locked: try again in ${minutes} min)`,
    {
      retryAfterS: Math.ceil((untilMs - nowMs) / 1000),
    },
  );
}

/** Checks the credentials (and the lockout of the account and the client address); starts a session. */
export async function signIn(
  db: Db,
  who: Who,
  config: AuthConfig,
  body: { username: string; password: string; otp?: string },
): Promise<{ token: string; user: ReturnType<typeof presentActor> }> {
  const now = config.now();
  const keys = [`user:${body.username.toLowerCase()}`, `addr:${who.clientAddress}`];
  const locked = (await throttleState(db, keys)).find((t) => t.lockedUntilMs !== null && t.lockedUntilMs > now);
  if (locked?.lockedUntilMs) {
    await recordEvent(db, who, {
      action: 'auth.login',
      ok: false,
      reason: `locked (${locked.key})`,
      actorName: body.username,
    });
    throw lockedError(locked.lockedUntilMs, now);
  }
  const user = await findUserByName(db, body.username);
  // Unknown users cost one hash verification too, and get the same message.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), body.password);
  const fail = async (reason: string): Promise<never> => {
    let lockedNow: number | undefined;
    for (const key of keys) {
      const t = await recordFailure(db, key, config.lockAfter, now + config.lockMs);
      if (t.lockedUntilMs) lockedNow = t.lockedUntilMs;
    }
    await recordEvent(db, who, { action: 'auth.login', ok: false, reason, actorName: body.username });
    if (lockedNow !== undefined) {
      await recordEvent(db, who, {
        action: 'auth.lockout',
        ok: true,
        reason: keys.join(' '),
        actorName: body.username,
      });
    }
    throw new UnauthenticatedError(BAD_CREDENTIALS);
  };
  if (!user || !ok || user.disabled)
    return fail(!user ? 'unknown user' : user.disabled ? 'disabled' : 'wrong password');
  if (user.totpEnabled && user.totpSecret) {
    // The password was right: ask for the second factor (not a failure), then check it like a password.
    if (!body.otp)
      throw new AppError(401, 'otp_required', '请输入动态验证码 (enter the code from your authenticator app)');
    const step = await verifyTotp(user.totpSecret, body.otp, now);
    if (step === undefined || !(await useTotpStep(db, user.id, step))) return fail('wrong or reused one-time code');
  }
  await clearFailures(db, keys);
  let mustChange = user.mustChangePassword;
  if (!mustChange && passwordExpired(new Date(user.passwordChangedMs), new Date(now), config.policy)) {
    await requirePasswordChange(db, user.id);
    mustChange = true;
  }
  const token = await startSession(db, user.id, now, who.clientAddress);
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    role: user.role,
    township: user.townshipCode,
    mustChangePassword: mustChange,
    mustEnrollTotp: !user.totpEnabled && (await roleRequiresTotp(db, user.role)),
    sessionHash: '',
  };
  await recordEvent(db, { ...who, actor }, { action: 'auth.login', ok: true, table: 'users', rowId: user.id });
  return { token, user: presentActor(actor) };
}

export async function signOut(db: Db, who: Who, actor: Actor): Promise<void> {
  await revokeSession(db, actor.sessionHash, who.nowMs);
  await recordEvent(db, who, { action: 'auth.logout', ok: true, table: 'users', rowId: actor.userId });
}

/** A new password for `user` if the policy allows it: not one of the current and last `history`. */
export async function acceptableNewPassword(user: UserRow, next: string, config: AuthConfig): Promise<string> {
  const problem = checkPassword(next, user.username, config.policy);
  if (problem) throw new InvalidParameterError(policyMessage(problem, config.policy), { rule: problem });
  const recent = [user.passwordHash, ...user.passwordHistory].slice(0, config.policy.history);
  for (const old of recent) {
    if (await verifyPassword(old, next)) {
      throw new InvalidParameterError(
        `新密码不能与最近 ${config.policy.history} 次的密码相同 (must differ from the last ${config.policy.history})`,
        { rule: 'reused' },
      );
    }
  }
  return hashPassword(next);
}

/** The user's own change: checks the current password; other sessions are revoked. */
export async function changeOwnPassword(
  db: Db,
  who: Who,
  config: AuthConfig,
  actor: Actor,
  body: { current: string; next: string },
): Promise<ReturnType<typeof presentActor>> {
  const user = await findUserByName(db, actor.username);
  if (!user) throw new UnauthenticatedError();
  if (!(await verifyPassword(user.passwordHash, body.current))) {
    await recordEvent(db, who, {
      action: 'auth.password',
      ok: false,
      reason: 'wrong current password',
      table: 'users',
      rowId: user.id,
    });
    throw new AppError(403, 'forbidden', '当前密码不正确 (the current password is wrong)');
  }
  const hash = await acceptableNewPassword(user, body.next, config);
  return db.transaction(async (tx) => {
    const locked = await lockUser(tx, actor.userId);
    if (!locked || locked.passwordHash !== user.passwordHash)
      throw new AppError(409, 'conflict', '密码已被修改 (the password changed meanwhile)');
    const history = [locked.passwordHash, ...locked.passwordHistory].slice(0, Math.max(0, config.policy.history - 1));
    await setPassword(tx, locked.id, { hash, history, mustChange: false, nowMs: who.nowMs });
    const revoked = await revokeUserSessions(tx, locked.id, who.nowMs, actor.sessionHash);
    await recordEvent(tx, who, {
      action: 'auth.password',
      ok: true,
      table: 'users',
      rowId: locked.id,
      after: { revokedSessions: revoked },
    });
    return presentActor({ ...actor, mustChangePassword: false });
  });
}
