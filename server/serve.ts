/**
 * Serves the API and the built web app (with SPA fallback) on one port. The build's hashed
 * files (/assets/…) are cached by browsers for a year; everything else of the app (index.html,
 * the SPA's routes) is revalidated on every load, so an upgrade is seen at once. Files go out
 * as the build compressed them (.br / .gz, server/web-precompress.ts).
 */
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
    app.use('/*', async (c, next) => {
      await next();
      if (c.req.path.startsWith('/api/') || c.res.headers.has('cache-control')) return;
      const immutable = c.req.path.startsWith('/assets/') && c.res.status === 200;
      c.res.headers.set('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    });
    // serveStatic resolves its root against the working directory.
    app.use('/*', serveStatic({ root: relative(process.cwd(), webDir), precompressed: true }));
    // the SPA's routes get index.html; a missing API route or build file is a 404 (an old page
    // asking for a file of a previous build must not get HTML, cached for a year)
    const notApp = (path: string) => path.startsWith('/api/') || path.startsWith('/assets/');
    app.get('*', (c) => (notApp(c.req.path) ? c.notFound() : c.html(index)));
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
