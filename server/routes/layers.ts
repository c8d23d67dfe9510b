/**
 * GET /api/<layer> (FeatureCollection with filters; ETag, 304, stored gzip) and GET /api/<layer>/:id
 * (one Feature).
 */
import { Hono } from 'hono';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { LayerName } from '../../db/queries/layers';
import { type AppEnv, actorOf } from '../auth/actor';
import { allow } from '../auth/allow';
import type { Permission } from '../auth/roles';
import { readScope, requireReadScope } from '../auth/scope';
import { sendCachedJson } from '../http/cached-json';
import { getLayerItem, listLayer } from '../services/layers';
import { validate } from '../validate';

/**
 * `records:read` layers (hazards) are narrowed to a township user's township in the query; the
 * other layers are the county's map, readable by every map role.
 */
export function layerRoutes<
  Q extends z.ZodType<object & { township?: string }>,
  I extends z.ZodType<{ id: string | number }>,
>(db: Db, name: LayerName, query: Q, id: I, permission: Extract<Permission, 'map:read' | 'records:read'> = 'map:read') {
  const scoped = permission === 'records:read';
  return new Hono<AppEnv>()
    .get('/', allow(permission), validate('query', query), async (c) => {
      const q = c.req.valid('query');
      const filters = scoped ? { ...q, township: readScope(actorOf(c), q.township) } : q;
      return sendCachedJson(c, await listLayer(db, name, filters));
    })
    .get('/:id', allow(permission), validate('param', id), async (c) => {
      const feature = await getLayerItem(db, name, c.req.valid('param').id);
      if (scoped) requireReadScope(actorOf(c), (feature.properties?.townshipCode as string | undefined) ?? null);
      return c.json(feature, 200);
    });
}
