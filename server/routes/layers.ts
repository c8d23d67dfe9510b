/** GET /api/<layer> (FeatureCollection with filters) and GET /api/<layer>/:id (one Feature). */
import { Hono } from 'hono';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { LayerName } from '../../db/queries/layers';
import { getLayerItem, listLayer } from '../services/layers';
import { validate } from '../validate';

export function layerRoutes<Q extends z.ZodType<object>, I extends z.ZodType<{ id: string | number }>>(
  db: Db,
  name: LayerName,
  query: Q,
  id: I,
) {
  return new Hono()
    .get('/', validate('query', query), async (c) => c.json(await listLayer(db, name, c.req.valid('query')), 200))
    .get('/:id', validate('param', id), async (c) =>
      c.json(await getLayerItem(db, name, c.req.valid('param').id), 200),
    );
}
