/** GET /api/search?q=&limit= (issue 14): ranked hits with kind and position. */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import type { AppEnv } from '../auth/actor';
import { allow } from '../auth/allow';
import { SearchQuery } from '../schemas/fire-call';
import { search } from '../services/search';
import { validate } from '../validate';

export function searchRoutes(db: Db) {
  return new Hono<AppEnv>().get('/', allow('map:read'), validate('query', SearchQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await search(db, q.q, q.limit), 200);
  });
}
