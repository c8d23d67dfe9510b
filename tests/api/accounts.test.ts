/**
 * Accounts (issue 11) on both engines: first admin, forced password change, policy, lockout per
 * account and per address, one message for unknown user and wrong password, idle and absolute
 * session expiry on an injected clock, revocation, admin account management.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { clearAll } from '../../db/seed';
import { createApp } from '../../server/app';
import { type AuthConfig, authConfig } from '../../server/auth/config';
import { totpCode } from '../../server/auth/totp';
import { ensureFirstAdmin } from '../../server/services/account-admin';
import { createTestUser, signIn, TEST_PASSWORD, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

type Json = Record<string, unknown>;
/**
 * A client-address prefix of this run: failures per address are kept in the database, and a
 * kept PostgreSQL database would carry one run's lockouts into the next.
 */
const NET = `run${Date.now().toString(36)}`;
const ORIGIN = { origin: 'http://localhost', 'content-type': 'application/json' };

function accountsSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`accounts on ${engine}`, () => {
    let db: Db;
    let clock = Date.parse('2026-12-01T08:00:00Z');
    const auth: AuthConfig = authConfig({ now: () => clock, trustProxy: true, loginPerMinute: 1000 });
    let app: ReturnType<typeof createApp>;
    const login = async (username: string, password: string, address = `${NET}.0.0.1`) => {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { ...ORIGIN, 'x-forwarded-for': address },
        body: JSON.stringify({ username, password }),
      });
      return { status: res.status, body: (await res.json()) as Json, cookie: res.headers.get('set-cookie') ?? '' };
    };
    const withCookie =
      (cookie: string) =>
      (path: string, init: RequestInit = {}) =>
        app.request(path, {
          ...init,
          headers: { ...ORIGIN, ...(init.headers ?? {}), cookie: cookie.split(';')[0] ?? '' },
        });

    /** The signed-in user of a cookie (null when its session is over). */
    const whoIs = async (cookie: string) => ((await (await withCookie(cookie)('/api/auth/me')).json()) as Json).user;

    beforeAll(async () => {
      db = await open();
      app = createApp(db, { auth });
    });
    afterAll(async () => {
      await db?.close();
    });

    it('creates no default account once accounts exist, and the first admin only on an empty table', async () => {
      // The shared databases already hold accounts (other suites' users): nothing is created.
      await createTestUser(db, 'viewer');
      expect(await ensureFirstAdmin(db, auth, undefined)).toBeUndefined();
    });

    it('sets an HttpOnly, SameSite=Strict session cookie and answers /me', async () => {
      const username = await createTestUser(db, 'brigade');
      const { status, body, cookie } = await login(username, TEST_PASSWORD);
      expect(status).toBe(200);
      expect(body.user).toMatchObject({ username, role: 'brigade', township: null, mustChangePassword: false });
      expect(cookie).toMatch(/^fireatlas_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).not.toMatch(/Secure/); // plain HTTP here; under HTTPS the flag is set
      expect(await whoIs(cookie)).toMatchObject({ username });
      expect(await whoIs('fireatlas_session=none')).toBeNull();
      // Only the token's hash is stored.
      const token = cookie.split(';')[0]?.split('=')[1] ?? '';
      const stored = await db.rows(sql`SELECT 1 FROM sessions WHERE id_hash = ${token}`);
      expect(stored).toHaveLength(0);
    });

    it('gives an unknown user and a wrong password the same 401 message', async () => {
      const username = await createTestUser(db, 'viewer');
      const wrong = await login(username, 'Wrong-passw0rd', `${NET}.1.0.1`);
      const unknown = await login(`nobody${Date.now()}`, 'Wrong-passw0rd', `${NET}.1.0.2`);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('locks an account after 5 failures for 15 minutes, then lets the right password in', async () => {
      const username = await createTestUser(db, 'viewer');
      for (let i = 0; i < 5; i++) expect((await login(username, 'Wrong-passw0rd', `${NET}.2.0.${i}`)).status).toBe(401);
      const locked = await login(username, TEST_PASSWORD, `${NET}.2.1.1`);
      expect(locked.status).toBe(423);
      expect((locked.body.error as Json).code).toBe('locked');
      clock += 14 * 60_000;
      expect((await login(username, TEST_PASSWORD, `${NET}.2.1.2`)).status).toBe(423);
      clock += 61_000;
      expect((await login(username, TEST_PASSWORD, `${NET}.2.1.3`)).status).toBe(200);
      const events = await db.rows<{ action: string; ok: boolean }>(
        sql`SELECT action, ok FROM audit_log WHERE actor = ${username} ORDER BY id`,
      );
      expect(events.filter((e) => e.action === 'auth.login' && !e.ok)).toHaveLength(7);
      expect(events.filter((e) => e.action === 'auth.lockout')).toHaveLength(1);
      expect(events.at(-1)).toEqual({ action: 'auth.login', ok: true });
    });

    it('locks a client address after 5 failures whatever the user names', async () => {
      const good = await createTestUser(db, 'viewer');
      for (let i = 0; i < 5; i++) await login(`guess${i}x${Date.now()}`, 'Wrong-passw0rd', `${NET}.3.0.9`);
      expect((await login(good, TEST_PASSWORD, `${NET}.3.0.9`)).status).toBe(423);
      expect((await login(good, TEST_PASSWORD, `${NET}.3.0.10`)).status).toBe(200);
    });

    it('ends a session after 30 idle minutes and 12 hours after sign-in, on the injected clock', async () => {
      const username = await createTestUser(db, 'viewer');
      const { cookie } = await login(username, TEST_PASSWORD, `${NET}.4.0.1`);
      const get = withCookie(cookie);
      clock += 29 * 60_000;
      expect((await get('/api/units/1')).status).toBe(200);
      clock += 29 * 60_000; // 29 minutes since the last request: still alive
      expect((await get('/api/units/1')).status).toBe(200);
      clock += 31 * 60_000;
      expect((await get('/api/units/1')).status).toBe(401);
      const again = await login(username, TEST_PASSWORD, `${NET}.4.0.1`);
      const keepAlive = withCookie(again.cookie);
      for (let h = 0; h < 12 * 3; h++) {
        clock += 20 * 60_000;
        const status = (await keepAlive('/api/units/1')).status;
        // Active all along, yet over at 12 hours after sign-in.
        expect(status, `${(h + 1) * 20} min`).toBe((h + 1) * 20 < 12 * 60 ? 200 : 401);
      }
    });

    it('forces a password change at first sign-in, under the policy, and revokes other sessions', async () => {
      const adminName = await createTestUser(db, 'admin');
      const admin = await signIn(app, adminName);
      const created = await admin.request('/api/users', {
        method: 'POST',
        headers: ORIGIN,
        body: JSON.stringify({ username: `first${Date.now()}`, role: 'township', township: XINAN }),
      });
      expect(created.status).toBe(201);
      const { user, temporaryPassword } = (await created.json()) as { user: Json; temporaryPassword: string };
      expect(user).toMatchObject({ role: 'township', township: XINAN, mustChangePassword: true });
      const first = await login(user.username as string, temporaryPassword, `${NET}.5.0.1`);
      expect(first.status).toBe(200);
      expect((first.body.user as Json).mustChangePassword).toBe(true);
      const other = await login(user.username as string, temporaryPassword, `${NET}.5.0.2`);
      const call = withCookie(first.cookie);
      const blocked = await call('/api/units');
      expect(blocked.status).toBe(403);
      expect((((await blocked.json()) as Json).error as Json).code).toBe('password_change_required');
      const change = (current: string, next: string) =>
        call('/api/auth/password', { method: 'POST', body: JSON.stringify({ current, next }) });
      const cases: [string, string, number, string][] = [
        [temporaryPassword, 'Short1!', 400, 'too_short'],
        [temporaryPassword, 'alllowercase1', 400, 'too_few_classes'],
        [temporaryPassword, `X1-${user.username as string}`, 400, 'contains_username'],
        [temporaryPassword, temporaryPassword, 400, 'reused'],
        ['Wrong-passw0rd', 'Fine-Passw0rd', 403, 'forbidden'],
      ];
      for (const [current, next, status, rule] of cases) {
        const res = await change(current, next);
        const body = (await res.json()) as { error: { code: string; details?: { rule?: string } } };
        expect(res.status, rule).toBe(status);
        if (status === 400) expect(body.error.details?.rule).toBe(rule);
      }
      expect((await change(temporaryPassword, 'Fine-Passw0rd')).status).toBe(200);
      expect((await call('/api/units/1')).status).toBe(200);
      expect(await whoIs(other.cookie)).toBeNull();
      expect((await withCookie(other.cookie)('/api/units/1')).status).toBe(401);
      // Not one of the last 3: the first password cannot come back after two changes.
      expect((await change('Fine-Passw0rd', 'Second-Passw0rd')).status).toBe(200);
      const back = await change('Second-Passw0rd', temporaryPassword);
      expect(back.status).toBe(400);
      expect((await change('Second-Passw0rd', 'Third-Passw0rd')).status).toBe(200);
      expect((await change('Third-Passw0rd', 'Fine-Passw0rd')).status).toBe(400);
    });

    it('asks for a second factor where an admin requires it: setup, code, replay refused, admin reset', async () => {
      const admin = await signIn(app, await createTestUser(db, 'admin'));
      const policy = (totpRoles: string[]) =>
        admin.request('/api/users/policy', { method: 'PUT', headers: ORIGIN, body: JSON.stringify({ totpRoles }) });
      expect((await policy(['viewer'])).status).toBe(200);
      try {
        const username = await createTestUser(db, 'viewer');
        const first = await login(username, TEST_PASSWORD, `${NET}.8.0.1`);
        expect((first.body.user as Json).mustEnrollTotp).toBe(true);
        const call = withCookie(first.cookie);
        const blocked = await call('/api/units/1');
        expect(blocked.status).toBe(403);
        expect((((await blocked.json()) as Json).error as Json).code).toBe('totp_enrollment_required');
        const setup = (await (await call('/api/auth/totp/setup', { method: 'POST' })).json()) as {
          secret: string;
          uri: string;
        };
        expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
        const enable = (otp: string) =>
          call('/api/auth/totp/enable', { method: 'POST', body: JSON.stringify({ otp }) });
        const wrong = (Number(await totpCode(setup.secret, clock)) + 1) % 1_000_000;
        expect((await enable(String(wrong).padStart(6, '0'))).status).toBe(400);
        expect((await enable(await totpCode(setup.secret, clock))).status).toBe(200);
        expect((await call('/api/units/1')).status).toBe(200);
        clock += 30_000;
        const noCode = await login(username, TEST_PASSWORD, `${NET}.8.0.2`);
        expect(noCode.status).toBe(401);
        expect((noCode.body.error as Json).code).toBe('otp_required');
        const code = await totpCode(setup.secret, clock);
        const withCode = await app.request('/api/auth/login', {
          method: 'POST',
          headers: { ...ORIGIN, 'x-forwarded-for': `${NET}.8.0.3` },
          body: JSON.stringify({ username, password: TEST_PASSWORD, otp: code }),
        });
        expect(withCode.status).toBe(200);
        expect((((await withCode.json()) as Json).user as Json).mustEnrollTotp).toBe(false);
        // The same code a second time (a replay) is refused like a wrong password.
        const replay = await app.request('/api/auth/login', {
          method: 'POST',
          headers: { ...ORIGIN, 'x-forwarded-for': `${NET}.8.0.4` },
          body: JSON.stringify({ username, password: TEST_PASSWORD, otp: code }),
        });
        expect(replay.status).toBe(401);
        expect((((await replay.json()) as Json).error as Json).code).toBe('unauthenticated');
        const list = (await (await admin.request('/api/users')).json()) as { users: Json[] };
        const id = list.users.find((u) => u.username === username)?.id;
        const reset = await admin.request(`/api/users/${id}`, {
          method: 'PATCH',
          headers: ORIGIN,
          body: JSON.stringify({ resetTotp: true }),
        });
        expect(reset.status).toBe(200);
        const after = await login(username, TEST_PASSWORD, `${NET}.8.0.5`);
        expect(after.status).toBe(200);
        expect((after.body.user as Json).mustEnrollTotp).toBe(true);
      } finally {
        expect((await policy([])).status).toBe(200);
      }
      expect(await (await admin.request('/api/users/policy')).json()).toEqual({ totpRoles: [] });
    });

    it('forces a change after 90 days', async () => {
      const username = await createTestUser(db, 'viewer');
      await db.rows(sql`UPDATE users SET password_changed_at = to_timestamp(${(clock - 91 * 86_400_000) / 1000}::float8)
        WHERE username = ${username}`);
      const { body } = await login(username, TEST_PASSWORD, `${NET}.6.0.1`);
      expect((body.user as Json).mustChangePassword).toBe(true);
    });

    it('lets an admin disable an account, reset a password and change a role — each audited, sessions revoked', async () => {
      const admin = await signIn(app, await createTestUser(db, 'admin'));
      const username = await createTestUser(db, 'viewer');
      const { cookie } = await login(username, TEST_PASSWORD, `${NET}.7.0.1`);
      const list = (await (await admin.request('/api/users')).json()) as { users: Json[] };
      const id = list.users.find((u) => u.username === username)?.id as number;
      expect(list.users.every((u) => !('passwordHash' in u))).toBe(true);
      const patch = (body: unknown) =>
        admin.request(`/api/users/${id}`, { method: 'PATCH', headers: ORIGIN, body: JSON.stringify(body) });
      expect((await patch({ role: 'brigade' })).status).toBe(200);
      expect(await whoIs(cookie)).toBeNull();
      expect((await withCookie(cookie)('/api/units/1')).status).toBe(401);
      expect((await patch({ role: 'township' })).status).toBe(400); // a township user needs a township
      expect((await patch({ role: 'township', township: '411121999' })).status).toBe(400); // unknown township
      const reset = await patch({ resetPassword: true });
      const { temporaryPassword } = (await reset.json()) as { temporaryPassword: string };
      expect(((await login(username, temporaryPassword, `${NET}.7.0.2`)).body.user as Json).mustChangePassword).toBe(
        true,
      );
      expect((await patch({ disabled: true })).status).toBe(200);
      expect((await login(username, temporaryPassword, `${NET}.7.0.3`)).status).toBe(401);
      const audit = await db.rows<{ action: string; before: Json | null; after: Json | null }>(
        sql`SELECT action, before, after FROM audit_log WHERE table_name = 'users' AND row_id = ${String(id)}
          AND action LIKE 'user.%' ORDER BY id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.update', 'user.reset_password', 'user.update']);
      expect(audit[1]?.before).toMatchObject({ role: 'viewer' });
      expect(audit[1]?.after).toMatchObject({ role: 'brigade' });
      // An admin cannot lock itself out.
      const self = list.users.find((u) => u.username === admin.username)?.id as number;
      const selfPatch = (body: unknown) =>
        admin.request(`/api/users/${self}`, { method: 'PATCH', headers: ORIGIN, body: JSON.stringify(body) });
      expect((await selfPatch({ disabled: true })).status).toBe(409);
      expect((await selfPatch({ role: 'viewer' })).status).toBe(409);
      expect(await db.one(sql`SELECT disabled, role::text AS role FROM users WHERE id = ${self}`)).toEqual({
        disabled: false,
        role: 'admin',
      });
    });

    // Only on the private PGlite copy: the shared PostgreSQL database is not emptied mid-run.
    if (engine === 'pglite')
      it('keeps accounts and the audit log when the county is reseeded', async () => {
        const users = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`);
        const audit = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
        await clearAll(db);
        expect(await db.one(sql`SELECT count(*)::int AS n FROM users`)).toEqual(users);
        expect(await db.one(sql`SELECT count(*)::int AS n FROM audit_log`)).toEqual(audit);
        expect(await db.one(sql`SELECT count(*)::int AS n FROM townships`)).toEqual({ n: 0 });
      });
  });
}

accountsSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => accountsSuite('postgres', openPostgresTestDb));
