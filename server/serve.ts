/** Serves the API and the built web app (with SPA fallback) on one port. */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join, relative } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Db } from '../db/client';
import type { AppOptions } from './app';
import { createApp } from './app';

export function createServerApp(db: Db, webDir?: string, config: AppOptions = {}) {
  const app = createApp(db, config);
  if (webDir) {
    const index = readFileSync(join(webDir, 'index.html'), 'utf8');
    // serveStatic resolves its root against the working directory.
    app.use('/*', serveStatic({ root: relative(process.cwd(), webDir) }));
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(index)));
  }
  return app;
}

/** Listens on `port` (0 = any free one); with `tls` (PEM cert and key) it serves HTTPS. */
export function listen(
  app: ReturnType<typeof createApp>,
  port: number,
  host: string,
  tls?: { cert: Buffer; key: Buffer },
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const options = tls ? { createServer: createHttpsServer, serverOptions: tls } : {};
    const server = serve({ fetch: app.fetch, port, hostname: host, ...options }, (info) =>
      resolve({ server, port: info.port }),
    );
  });
}
