/** GET /api/health: `{ok:true}` for anyone (a load balancer's probe); engine, datasets and counts for map readers. */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import type { AppEnv } from '../auth/actor';
import { allow } from '../auth/allow';
import { roleMay } from '../auth/roles';
import { health } from '../services/health';

export function healthRoutes(db: Db) {
  return new Hono<AppEnv>().get('/', allow('public'), async (c) => {
    const actor = c.get('actor');
    if (!actor || actor.mustChangePassword || !roleMay(actor.role, 'map:read'))
      return c.json({ ok: true as const }, 200);
    return c.json({ ok: true as const, ...(await health(db)) }, 200);
  });
}
