/** `npm run dev`: the API on PORT and Vite's dev server (with /api proxied to it) for web/. */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { openConfiguredDb } from '../db/open';
import { createApp } from './app';
import { readEnv } from './env';
import { listen } from './serve';
import { ensureDemoCounty } from './services/demo-county';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = readEnv();
const db = await openConfiguredDb(env);
await ensureDemoCounty(db);
const { port } = await listen(createApp(db, { tiandituTk: env.TIANDITU_TK }), env.PORT, env.HOST);
console.log(`fireatlas: API on http://${env.HOST}:${port}/api`);
const vite = await createServer({ configFile: `${root}vite.config.ts` });
await vite.listen();
vite.printUrls();
