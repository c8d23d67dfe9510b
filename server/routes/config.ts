/** GET /api/config: what the browser needs from the server's configuration (signed-in users only). */
import { Hono } from 'hono';
import type { AppEnv } from '../auth/actor';
import { allow } from '../auth/allow';

export interface AppConfig {
  /** Tianditu browser key for the optional tile basemap (docs/standards.md, coordinate systems). */
  tiandituTk?: string;
}

export function configRoutes(config: AppConfig) {
  return new Hono<AppEnv>().get('/', allow('map:read'), (c) => c.json({ tiandituTk: config.tiandituTk ?? null }, 200));
}
