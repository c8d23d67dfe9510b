/**
 * Every API route carries a permission, and every role (and no one) gets what the one rule
 * table (server/auth/roles.ts) says — generated from the app's own route list, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { PERMISSION_TAG } from '../../server/auth/allow';
import { type Permission, ROLES, type Role, roleMay } from '../../server/auth/roles';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

interface RouteRule {
  method: string;
  path: string;
  permission: Permission | undefined;
}

/** The app's routes (method + path), each with the permission its `allow(...)` carries, if any. */
export function routeRules(app: ReturnType<typeof createApp>): RouteRule[] {
  const byKey = new Map<string, RouteRule>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue;
    const key = `${r.method} ${r.path}`;
    const rule = byKey.get(key) ?? { method: r.method, path: r.path, permission: undefined };
    const tag = (r.handler as unknown as Record<symbol, Permission | undefined>)[PERMISSION_TAG];
    if (tag) rule.permission = tag;
    byKey.set(key, rule);
  }
  return [...byKey.values()];
}

/** A concrete path for a route: ids that exist nowhere, so that no allowed write changes a row. */
function concrete(path: string): string {
  return path
    .replace(':code', XINAN)
    .replace(/:id\b/, '2147483000')
    .replace(/:[a-z]+/gi, 'x');
}

function expected(permission: Permission, role: Role | 'anonymous'): 'denied-401' | 'denied-403' | 'allowed' {
  if (permission === 'public') return 'allowed';
  if (role === 'anonymous') return 'denied-401';
  return roleMay(role, permission) ? 'allowed' : 'denied-403';
}

function matrixSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`route × role matrix on ${engine}`, () => {
    let db: Db;
    let app: ReturnType<typeof createApp>;
    const clients = new Map<Role, TestClient>();

    beforeAll(async () => {
      db = await open();
      app = createApp(db);
      for (const role of ROLES) clients.set(role, await signedIn(app, db, role));
    });
    afterAll(async () => {
      await db?.close();
    });

    it('gives every API route a permission', () => {
      const rules = routeRules(app);
      expect(rules.length).toBeGreaterThan(40);
      expect(rules.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    });

    it('answers every route for every role as the rule table says', async () => {
      const rules = routeRules(app).filter((r) => r.path !== '/api/auth/logout');
      const seen: string[] = [];
      for (const rule of rules) {
        const permission = rule.permission as Permission;
        for (const role of [...ROLES, 'anonymous'] as const) {
          // An unknown parameter or body field: allowed requests stop at validation (400) or at a
          // missing row (404) — they reach the route, but nothing is computed or written.
          const path = `${concrete(rule.path)}${rule.method === 'GET' ? '?matrix_probe=1' : ''}`;
          const init: RequestInit =
            rule.method === 'GET'
              ? {}
              : {
                  method: rule.method,
                  headers: { 'content-type': 'application/json', origin: 'http://localhost' },
                  body: JSON.stringify({ matrix_probe: 1 }),
                };
          const res =
            role === 'anonymous' ? await app.request(path, init) : await clients.get(role)?.request(path, init);
          const status = res?.status ?? 0;
          const want = expected(permission, role);
          const label = `${rule.method} ${rule.path} as ${role} (${permission}) → ${status}`;
          if (want === 'denied-401') expect(status, label).toBe(401);
          else if (want === 'denied-403') expect(status, label).toBe(403);
          else {
            expect([401, 403], label).not.toContain(status);
            expect(status, label).toBeLessThan(500);
          }
          seen.push(label);
        }
      }
      // Route × (5 roles + anonymous): the size reported in the issue note.
      expect(seen.length).toBe(rules.length * (ROLES.length + 1));
      console.log(`access matrix on ${engine}: ${rules.length} routes × ${ROLES.length + 1} = ${seen.length} requests`);
    });

    it('signs out with the logout route, and the session then answers 401', async () => {
      const client = await signedIn(app, db, 'viewer');
      expect((await client.request('/api/units/1')).status).toBe(200);
      expect((await client.request('/api/auth/logout', { method: 'POST' })).status).toBe(200);
      expect((await client.request('/api/units/1')).status).toBe(401);
      expect(
        (await app.request('/api/auth/logout', { method: 'POST', headers: { origin: 'http://localhost' } })).status,
      ).toBe(401);
    });
  });
}

matrixSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => matrixSuite('postgres', openPostgresTestDb));
