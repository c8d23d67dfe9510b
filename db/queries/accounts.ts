/** Accounts, sessions and sign-in throttling (tables in db/schema-accounts.ts). Times travel as epoch ms. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { allTableVersions, type TableVersions } from './data-version';

export interface UserRow {
  id: number;
  username: string;
  displayName: string | null;
  role: 'admin' | 'auditor' | 'brigade' | 'township' | 'viewer';
  townshipCode: string | null;
  passwordHash: string;
  passwordHistory: string[];
  passwordChangedMs: number;
  mustChangePassword: boolean;
  disabled: boolean;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
}

const userColumns = sql`id, username, display_name AS "displayName", role::text AS role, township_code AS "townshipCode",
  password_hash AS "passwordHash", password_history AS "passwordHistory",
  (extract(epoch FROM password_changed_at) * 1000)::float8 AS "passwordChangedMs",
  must_change_password AS "mustChangePassword", disabled, totp_secret AS "totpSecret", totp_enabled AS "totpEnabled",
  totp_last_step::float8 AS "totpLastStep"`;

const at = (ms: number) => sql`to_timestamp(${ms / 1000}::float8)`;

export async function countUsers(db: Db): Promise<number> {
  return (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`, 'count users')).n;
}

export async function findUserByName(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.rows<UserRow>(sql`SELECT ${userColumns} FROM users WHERE username = ${username}`);
  return row;
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.rows<UserRow>(sql`SELECT ${userColumns} FROM users WHERE id = ${id}`);
  return row;
}

export async function lockUser(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.rows<UserRow>(sql`SELECT ${userColumns} FROM users WHERE id = ${id} FOR UPDATE`);
  return row;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.rows<UserRow>(sql`SELECT ${userColumns} FROM users ORDER BY username`);
}

export async function insertUser(
  db: Db,
  u: {
    username: string;
    displayName: string | null;
    role: UserRow['role'];
    townshipCode: string | null;
    passwordHash: string;
    nowMs: number;
  },
): Promise<UserRow> {
  return db.one<UserRow>(
    sql`INSERT INTO users (username, display_name, role, township_code, password_hash, password_changed_at,
        must_change_password, created_at, updated_at)
      VALUES (${u.username}, ${u.displayName}, ${u.role}::user_role, ${u.townshipCode}, ${u.passwordHash}, ${at(u.nowMs)},
        true, ${at(u.nowMs)}, ${at(u.nowMs)})
      RETURNING ${userColumns}`,
    'insert user',
  );
}

export async function updateUserFields(
  db: Db,
  id: number,
  f: { displayName?: string | null; role?: UserRow['role']; townshipCode?: string | null; disabled?: boolean },
  nowMs: number,
): Promise<UserRow> {
  const sets = [sql`updated_at = ${at(nowMs)}`];
  if (f.displayName !== undefined) sets.push(sql`display_name = ${f.displayName}`);
  if (f.role !== undefined) sets.push(sql`role = ${f.role}::user_role`);
  if (f.townshipCode !== undefined) sets.push(sql`township_code = ${f.townshipCode}`);
  if (f.disabled !== undefined) sets.push(sql`disabled = ${f.disabled}`);
  return db.one<UserRow>(
    sql`UPDATE users SET ${sql.join(sets, sql`, `)} WHERE id = ${id} RETURNING ${userColumns}`,
    'update user',
  );
}

export async function setPassword(
  db: Db,
  id: number,
  p: { hash: string; history: string[]; mustChange: boolean; nowMs: number },
): Promise<void> {
  await db.rows(
    sql`UPDATE users SET password_hash = ${p.hash}, password_history = ${JSON.stringify(p.history)}::jsonb,
      password_changed_at = ${at(p.nowMs)}, must_change_password = ${p.mustChange}, updated_at = ${at(p.nowMs)}
      WHERE id = ${id}`,
  );
}

export async function requirePasswordChange(db: Db, id: number): Promise<void> {
  await db.rows(sql`UPDATE users SET must_change_password = true WHERE id = ${id}`);
}

export async function insertSession(
  db: Db,
  s: { idHash: string; userId: number; nowMs: number; clientAddress: string },
): Promise<void> {
  await db.rows(
    sql`INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, client_address)
      VALUES (${s.idHash}, ${s.userId}, ${at(s.nowMs)}, ${at(s.nowMs)}, ${s.clientAddress})`,
  );
}

/** A session with its user, in one query (every API request resolves one). */
export interface SessionUserRow {
  createdMs: number;
  lastSeenMs: number;
  revoked: boolean;
  userId: number;
  username: string;
  role: UserRow['role'];
  townshipCode: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  totpEnabled: boolean;
  roleRequiresTotp: boolean;
}

/**
 * The session and its user; with `withVersions`, every table's data version too, read in the
 * same query (a read request's one round trip before its cached answer, data-version.ts).
 */
export async function findSessionUser(
  db: Db,
  idHash: string,
  withVersions = false,
): Promise<(SessionUserRow & { versions?: TableVersions }) | undefined> {
  const [row] = await db.rows<SessionUserRow & { versions?: TableVersions }>(
    sql`SELECT ${withVersions ? sql`${allTableVersions} AS versions,` : sql``}
        (extract(epoch FROM s.created_at) * 1000)::float8 AS "createdMs",
        (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS "lastSeenMs", s.revoked_at IS NOT NULL AS revoked,
        u.id AS "userId", u.username, u.role::text AS role, u.township_code AS "townshipCode",
        u.must_change_password AS "mustChangePassword", u.disabled, u.totp_enabled AS "totpEnabled",
        coalesce(p.require_totp, false) AS "roleRequiresTotp"
      FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN role_policies p ON p.role = u.role
      WHERE s.id_hash = ${idHash}`,
  );
  return row; // postgres.js and PGlite both parse json
}

export async function touchSession(db: Db, idHash: string, nowMs: number): Promise<void> {
  await db.rows(sql`UPDATE sessions SET last_seen_at = ${at(nowMs)} WHERE id_hash = ${idHash}`);
}

export async function revokeSession(db: Db, idHash: string, nowMs: number): Promise<void> {
  await db.rows(sql`UPDATE sessions SET revoked_at = ${at(nowMs)} WHERE id_hash = ${idHash} AND revoked_at IS NULL`);
}

/** Revokes every open session of a user (password change, reset, disable); `except` keeps one. */
export async function revokeUserSessions(db: Db, userId: number, nowMs: number, except?: string): Promise<number> {
  const rows = await db.rows<{ id: string }>(
    sql`UPDATE sessions SET revoked_at = ${at(nowMs)}
      WHERE user_id = ${userId} AND revoked_at IS NULL ${except ? sql`AND id_hash <> ${except}` : sql``}
      RETURNING id_hash AS id`,
  );
  return rows.length;
}

export interface ThrottleRow {
  key: string;
  failures: number;
  lockedUntilMs: number | null;
}

export async function throttleState(db: Db, keys: string[]): Promise<ThrottleRow[]> {
  if (keys.length === 0) return [];
  return db.rows<ThrottleRow>(
    sql`SELECT key, failures, (extract(epoch FROM locked_until) * 1000)::float8 AS "lockedUntilMs"
      FROM login_throttle WHERE key IN (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )})`,
  );
}

/** One more failure for the key; from `limit` failures on, it is locked until `lockMs`. */
export async function recordFailure(db: Db, key: string, limit: number, lockUntilMs: number): Promise<ThrottleRow> {
  return db
    .one<ThrottleRow>(
      sql`INSERT INTO login_throttle (key, failures) VALUES (${key}, 1)
      ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1
      RETURNING key, failures, NULL::float8 AS "lockedUntilMs"`,
      'record failure',
    )
    .then(async (row) => {
      if (row.failures < limit) return row;
      await db.rows(sql`UPDATE login_throttle SET locked_until = ${at(lockUntilMs)}, failures = 0 WHERE key = ${key}`);
      return { ...row, lockedUntilMs: lockUntilMs };
    });
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.rows(
    sql`DELETE FROM login_throttle WHERE key IN (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  );
}

/** Stores a TOTP secret (enabled or pending) or clears it (null). */
export async function setTotp(db: Db, id: number, secret: string | null, enabled: boolean): Promise<void> {
  await db.rows(
    sql`UPDATE users SET totp_secret = ${secret}, totp_enabled = ${enabled}, totp_last_step = NULL WHERE id = ${id}`,
  );
}

/** Records the accepted time step; false when it (or a later one) was used already (a replayed code). */
export async function useTotpStep(db: Db, id: number, step: number): Promise<boolean> {
  const rows = await db.rows(
    sql`UPDATE users SET totp_last_step = ${step} WHERE id = ${id}
      AND (totp_last_step IS NULL OR totp_last_step < ${step}) RETURNING id`,
  );
  return rows.length > 0;
}

export async function rolesRequiringTotp(db: Db): Promise<string[]> {
  const rows = await db.rows<{ role: string }>(
    sql`SELECT role::text AS role FROM role_policies WHERE require_totp ORDER BY role`,
  );
  return rows.map((r) => r.role);
}

export async function setRolesRequiringTotp(db: Db, roles: readonly string[]): Promise<void> {
  await db.rows(sql`DELETE FROM role_policies`);
  for (const role of roles) {
    await db.rows(sql`INSERT INTO role_policies (role, require_totp) VALUES (${role}::user_role, true)`);
  }
}

export async function roleRequiresTotp(db: Db, role: string): Promise<boolean> {
  const rows = await db.rows(sql`SELECT 1 FROM role_policies WHERE role = ${role}::user_role AND require_totp`);
  return rows.length > 0;
}
