/**
 * `npm start`: builds the web app if missing or stale, opens the database (PGlite in
 * DATA_DIR, or DATABASE_URL), migrates, seeds the demo county on the first run, listens.
 */
import { fileURLToPath } from 'node:url';
import { ensureDemoCounty } from '../db/demo';
import { openConfiguredDb } from '../db/open';
import { readEnv } from './env';
import { createServerApp, listen } from './serve';
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
const app = createServerApp(db, `${root}dist/web`, { tiandituTk: env.TIANDITU_TK });
const { server, port } = await listen(app, env.PORT, env.HOST);
console.log(`fireatlas: listening on http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}/ (${since()})`);

async function shutdown() {
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
