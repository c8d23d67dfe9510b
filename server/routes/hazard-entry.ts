/** POST /api/hazards (issue 13): a hazard found on a site, entered from its popup (records:write). */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { HazardEntryBody } from '../schemas/hazard-entry';
import { enterHazard } from '../services/hazard-entry';
import { validate } from '../validate';

export function hazardEntryRoutes(db: Db) {
  return new Hono<AppEnv>().post('/', allow('records:write'), validate('json', HazardEntryBody), async (c) =>
    c.json(await enterHazard(db, whoOf(c), actorOf(c), c.req.valid('json')), 201),
  );
}
