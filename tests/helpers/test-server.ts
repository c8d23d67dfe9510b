/**
 * The real server (API + built web app) on a random local port, over a private test database,
 * with a signed-in user of a role (brigade by default): `fetch` carries its session cookie and
 * this server's Origin; `cookie` is handed to the browser by the e2e session.
 */
import { join } from 'node:path';
import type { Db } from '../../db/client';
import type { AuthConfig } from '../../server/auth/config';
import type { Role } from '../../server/auth/roles';
import { createServerApp, listen } from '../../server/serve';
import { buildWeb, webBuildIsStale } from '../../server/web-build';
import { createTestUser, TEST_PASSWORD } from './sign-in';
import { root } from './template';
import { openTestDb } from './test-db';

export interface TestServer {
  url: string;
  db: Db;
  username: string;
  password: string;
  /** `name=value` of the signed-in user's session cookie. */
  cookie: { name: string; value: string };
  /** fetch(`${url}${path}`) as the signed-in user. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { role?: Role; township?: string; auth?: AuthConfig } = {},
): Promise<TestServer> {
  if (webBuildIsStale(root)) await buildWeb(root);
  const db = await openTestDb();
  const { server, port } = await listen(
    createServerApp(db, join(root, 'dist/web'), { auth: options.auth }),
    0,
    '127.0.0.1',
  );
  const url = `http://127.0.0.1:${port}`;
  const username = await createTestUser(db, options.role ?? 'brigade', options.township);
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`test server sign-in failed: ${login.status} ${await login.text()}`);
  const [name = '', value = ''] = (login.headers.get('set-cookie') ?? '').split(';')[0]?.split('=') ?? [];
  return {
    url,
    db,
    username,
    password: TEST_PASSWORD,
    cookie: { name, value },
    fetch(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', `${name}=${value}`);
      if (!headers.has('origin')) headers.set('origin', url);
      return fetch(`${url}${path}`, { ...init, headers });
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
