/**
 * Signed-in test clients (issue 11): the existing suites run as a real user of a role, through
 * the real sign-in route — no bypass. `request` has `app.request`'s signature and adds the
 * session cookie and this server's Origin (required on writes).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { createApp } from '../../server/app';
import { authConfig } from '../../server/auth/config';
import type { Role } from '../../server/auth/roles';
import { createUser } from '../../server/services/account-admin';

export const TEST_PASSWORD = 'Test-passw0rd';
export const XINAN = '411121104'; // 辛安镇

export interface TestClient {
  request(path: string, init?: RequestInit): Promise<Response>;
  username: string;
}

type App = Pick<ReturnType<typeof createApp>, 'request'>;

/** A user of `role` (a township user in `township`, default 辛安镇) with no pending password change. */
export async function createTestUser(db: Db, role: Role, township?: string): Promise<string> {
  const username = `t${role}${randomBytes(5).toString('hex')}`;
  await createUser(db, { actor: undefined, clientAddress: 'test', nowMs: Date.now() }, authConfig(), {
    username,
    role,
    township: role === 'township' ? (township ?? XINAN) : undefined,
    password: TEST_PASSWORD,
  });
  await db.rows(sql`UPDATE users SET must_change_password = false WHERE username = ${username}`);
  return username;
}

/** Signs `username` in through POST /api/auth/login and returns a client carrying its cookie. */
export async function signIn(app: App, username: string, password = TEST_PASSWORD): Promise<TestClient> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    username,
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if (!headers.has('origin')) headers.set('origin', 'http://localhost');
      return Promise.resolve(app.request(path, { ...init, headers }));
    },
  };
}

/** A fresh user of `role`, signed in. */
export async function signedIn(app: App, db: Db, role: Role = 'brigade', township?: string): Promise<TestClient> {
  return signIn(app, await createTestUser(db, role, township));
}
