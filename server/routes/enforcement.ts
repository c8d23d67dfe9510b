/** POST /api/enforcement (one action on a site) and GET /api/enforcement (township, kind, from, to). */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { EnforcementBody, EnforcementQuery } from '../schemas/hazards';
import { createEnforcement, enforcementList } from '../services/hazard-enforcement';
import { validate } from '../validate';

export function enforcementRoutes(db: Db) {
  return new Hono()
    .get('/', validate('query', EnforcementQuery), async (c) =>
      c.json(await enforcementList(db, c.req.valid('query')), 200),
    )
    .post('/', validate('json', EnforcementBody), async (c) =>
      c.json(await createEnforcement(db, c.req.valid('json')), 201),
    );
}
