/** Account administration (role admin, and `npm run user` from the shell): every change audited. */
import type { Db } from '../../db/client';
import {
  countUsers,
  findUserById,
  findUserByName,
  insertUser,
  listUsers,
  revokeUserSessions,
  setPassword,
  updateUserFields,
} from '../../db/queries/accounts';
import { townshipExists } from '../../db/queries/layers';
import { auditedWrite, type Who } from '../auth/audit';
import type { AuthConfig } from '../auth/config';
import { checkPassword, policyMessage } from '../auth/password-policy';
import { hashPassword, randomPassword } from '../auth/passwords';
import type { Role } from '../auth/roles';
import { ConflictError, InvalidParameterError, NotFoundError } from '../errors';
import { presentUser } from './accounts';

async function checkRoleTownship(db: Db, role: Role, township: string | null): Promise<void> {
  if ((role === 'township') !== (township !== null)) {
    throw new InvalidParameterError('乡镇角色须且仅须指定一个乡镇 (role township needs a township, other roles none)', {
      role,
      township,
    });
  }
  if (township !== null && !(await townshipExists(db, township))) {
    throw new InvalidParameterError(`unknown township ${township}`, { township });
  }
}

export async function userList(db: Db) {
  return { users: (await listUsers(db)).map(presentUser) };
}

/** Creates an account with a temporary password (the given one or a random one), to be changed at first sign-in. */
export async function createUser(
  db: Db,
  who: Who,
  config: AuthConfig,
  body: { username: string; displayName?: string; role: Role; township?: string; password?: string },
): Promise<{ user: ReturnType<typeof presentUser>; temporaryPassword: string }> {
  const township = body.township ?? null;
  await checkRoleTownship(db, body.role, township);
  const password = body.password ?? randomPassword();
  const problem = checkPassword(password, body.username, config.policy);
  if (problem) throw new InvalidParameterError(policyMessage(problem, config.policy), { rule: problem });
  const passwordHash = await hashPassword(password);
  const user = await auditedWrite(db, who, { action: 'user.create', table: 'users' }, async (tx) => {
    if (await findUserByName(tx, body.username))
      throw new ConflictError(`用户名 ${body.username} 已存在 (user exists)`);
    const row = await insertUser(tx, {
      username: body.username,
      displayName: body.displayName ?? null,
      role: body.role,
      townshipCode: township,
      passwordHash,
      nowMs: who.nowMs,
    });
    return { result: row, rowId: row.id, after: presentUser(row) };
  });
  return { user: presentUser(user), temporaryPassword: password };
}

export async function updateUser(
  db: Db,
  who: Who,
  id: number,
  body: { displayName?: string | null; role?: Role; township?: string | null; disabled?: boolean },
) {
  const current = await findUserById(db, id);
  if (!current) throw new NotFoundError(`user ${id} not found`);
  if (who.actor?.userId === id && (body.disabled === true || (body.role !== undefined && body.role !== current.role))) {
    throw new ConflictError(
      '不能停用自己的账号或修改自己的角色 (you cannot disable your own account or change your own role)',
    );
  }
  const role = body.role ?? current.role;
  const township = body.township !== undefined ? body.township : role === 'township' ? current.townshipCode : null;
  await checkRoleTownship(db, role, township);
  const row = await auditedWrite(db, who, { action: 'user.update', table: 'users', rowId: id }, async (tx) => {
    const after = await updateUserFields(tx, id, { ...body, role, townshipCode: township }, who.nowMs);
    // A changed role or a disabled account ends the user's sessions at once.
    if (body.disabled === true || after.role !== current.role || after.townshipCode !== current.townshipCode) {
      await revokeUserSessions(tx, id, who.nowMs);
    }
    return { result: after, before: presentUser(current), after: presentUser(after) };
  });
  return { user: presentUser(row) };
}

/** An admin reset: a temporary password, change forced at the next sign-in, every session revoked. */
export async function resetPassword(db: Db, who: Who, id: number, password?: string) {
  const current = await findUserById(db, id);
  if (!current) throw new NotFoundError(`user ${id} not found`);
  const temporary = password ?? randomPassword();
  const hash = await hashPassword(temporary);
  await auditedWrite(db, who, { action: 'user.reset_password', table: 'users', rowId: id }, async (tx) => {
    await setPassword(tx, id, {
      hash,
      history: [current.passwordHash, ...current.passwordHistory].slice(0, 2),
      mustChange: true,
      nowMs: who.nowMs,
    });
    const revoked = await revokeUserSessions(tx, id, who.nowMs);
    return { result: undefined, after: { mustChangePassword: true, revokedSessions: revoked } };
  });
  return { user: presentUser({ ...current, mustChangePassword: true }), temporaryPassword: temporary };
}

/**
 * First start: with no account at all, creates `admin` with FIREATLAS_INITIAL_ADMIN_PASSWORD
 * (automation) or a random password to be printed once. No default password exists.
 */
export async function ensureFirstAdmin(
  db: Db,
  config: AuthConfig,
  initialPassword: string | undefined,
): Promise<{ username: string; password: string; generated: boolean } | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const who: Who = { actor: undefined, clientAddress: 'startup', nowMs: config.now() };
  const { temporaryPassword } = await createUser(db, who, config, {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    password: initialPassword,
  });
  return { username: 'admin', password: temporaryPassword, generated: initialPassword === undefined };
}
