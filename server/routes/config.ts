/** GET /api/config: what the browser needs from the server's configuration (nothing secret). */
import { Hono } from 'hono';

export interface AppConfig {
  /** Tianditu browser key for the optional tile basemap (DOMAIN.md §4); browser keys are public. */
  tiandituTk?: string;
}

export function configRoutes(config: AppConfig) {
  return new Hono().get('/', (c) => c.json({ tiandituTk: config.tiandituTk ?? null }, 200));
}
