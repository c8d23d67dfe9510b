/** GET /api/fire-call (接处警辅助, issue 14): the whole answer for a point or a site. */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { FireCallQuery } from '../schemas/fire-call';
import { fireCall } from '../services/fire-call';
import { validate } from '../validate';

export function fireCallRoutes(db: Db) {
  return new Hono<AppEnv>().get('/', allow('analysis:read'), validate('query', FireCallQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await fireCall(db, q, actorOf(c), c.get('auth').now()), 200);
  });
}
