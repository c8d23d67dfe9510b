/** The real server (API + built web app) on a random local port, over a private test database. */
import { join } from 'node:path';
import { createServerApp, listen } from '../../server/serve';
import { buildWeb, webBuildIsStale } from '../../server/web-build';
import { root } from './template';
import { openTestDb } from './test-db';

export async function startTestServer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (webBuildIsStale(root)) await buildWeb(root);
  const db = await openTestDb();
  const { server, port } = await listen(createServerApp(db, join(root, 'dist/web')), 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
