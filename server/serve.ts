/** Serves the API and the built web app (with SPA fallback) on one port. */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Db } from '../db/client';
import { createApp } from './app';
import type { AppConfig } from './routes/config';

export function createServerApp(db: Db, webDir?: string, config: AppConfig = {}) {
  const app = createApp(db, config);
  if (webDir) {
    const index = readFileSync(join(webDir, 'index.html'), 'utf8');
    // serveStatic resolves its root against the working directory.
    app.use('/*', serveStatic({ root: relative(process.cwd(), webDir) }));
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(index)));
  }
  return app;
}

export function listen(
  app: ReturnType<typeof createApp>,
  port: number,
  host: string,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => resolve({ server, port: info.port }));
  });
}
