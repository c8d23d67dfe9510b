/**
 * `npm start`: builds the web app if missing or stale, opens the database (PGlite in
 * DATA_DIR, or DATABASE_URL), migrates, seeds the demo county on the first run, listens.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openConfiguredDb } from '../db/open';
import { authConfig } from './auth/config';
import { DEFAULT_POLICY } from './auth/password-policy';
import { readEnv } from './env';
import { createServerApp, listen } from './serve';
import { ensureFirstAdmin } from './services/account-admin';
import { ensureDemoCounty } from './services/demo-county';
import { searchIndex } from './services/search-index';
import { stationNetwork } from './services/station-network';
import { buildWeb, webBuildIsStale } from './web-build';

const root = fileURLToPath(new URL('..', import.meta.url));
const t0 = performance.now();
const since = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

const env = readEnv();
if (webBuildIsStale(root)) {
  console.log('fireatlas: building the web app…');
  await buildWeb(root);
  console.log(`fireatlas: web app built (${since()})`);
}
const db = await openConfiguredDb(env);
console.log(
  `fireatlas: database ready — ${db.engine === 'pglite' ? `PGlite in ${env.DATA_DIR}` : 'PostgreSQL'} (${since()})`,
);
if ((await ensureDemoCounty(db)) === 'seeded') console.log(`fireatlas: demo county seeded (演示数据) (${since()})`);
const auth = authConfig({
  policy: { ...DEFAULT_POLICY, expiryDays: env.PASSWORD_EXPIRY_DAYS },
  idleMs: env.SESSION_IDLE_MINUTES * 60_000,
  publicHosts: env.PUBLIC_HOSTS,
  trustProxy: env.TRUST_PROXY === '1',
  computeBudgetMs: env.COMPUTE_BUDGET_SECONDS * 1000,
});
const admin = await ensureFirstAdmin(db, auth, env.FIREATLAS_INITIAL_ADMIN_PASSWORD);
if (admin?.generated) {
  console.log('fireatlas: first start — account "admin" created. Its one-time password (change it at first sign-in):');
  console.log(`\n    ${admin.password}\n`);
  console.log('fireatlas: 首次启动：已创建账号 admin，上面是一次性密码，首次登录须修改。');
} else if (admin) {
  console.log(
    'fireatlas: first start — account "admin" created with FIREATLAS_INITIAL_ADMIN_PASSWORD (change it at first sign-in)',
  );
}
const tls =
  env.TLS_CERT && env.TLS_KEY ? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) } : undefined;
const local = ['127.0.0.1', 'localhost', '::1'].includes(env.HOST);
if (!local && !tls) {
  console.warn(
    `fireatlas: WARNING — serving ${env.HOST} without TLS: passwords and session cookies cross the LAN in clear text. ` +
      'Set TLS_CERT and TLS_KEY, or put nginx with HTTPS in front (README). 警告：未启用 HTTPS。',
  );
}
if (!local && env.PUBLIC_HOSTS.length === 0) {
  console.warn('fireatlas: PUBLIC_HOSTS is empty: only localhost names are answered; set the LAN name or address.');
}
const app = createServerApp(db, `${root}dist/web`, { tiandituTk: env.TIANDITU_TK, auth });
const { server, port } = await listen(app, env.PORT, env.HOST, tls);
const shownHost = env.HOST === '0.0.0.0' ? 'localhost' : env.HOST;
console.log(`fireatlas: listening on ${tls ? 'https' : 'http'}://${shownHost}:${port}/ (${since()})`);
// The first fire call and search must not wait for the road graph or the pinyin index (issue 14).
void Promise.all([stationNetwork(db), searchIndex(db)]).then(
  () => console.log(`fireatlas: road network and search index ready (${since()})`),
  (err: unknown) => console.warn('fireatlas: warming the road network failed (built on first use):', err),
);

async function shutdown() {
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
