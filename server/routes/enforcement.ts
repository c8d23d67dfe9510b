/** POST /api/enforcement (one action on a site, audited) and GET /api/enforcement (township, kind, from, to). */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite } from '../auth/audit';
import { readScope, requireWriteScope } from '../auth/scope';
import { EnforcementBody, EnforcementQuery } from '../schemas/hazards';
import { createEnforcement, enforcementList } from '../services/hazard-enforcement';
import { validate } from '../validate';

export function enforcementRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/', allow('records:read'), validate('query', EnforcementQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await enforcementList(db, { ...q, township: readScope(actorOf(c), q.township) }), 200);
    })
    .post('/', allow('records:write'), validate('json', EnforcementBody), async (c) => {
      const actor = actorOf(c);
      const row = await auditedWrite(
        db,
        whoOf(c),
        { action: 'enforcement.create', table: 'enforcement_actions' },
        async (tx) => {
          const created = await createEnforcement(tx, c.req.valid('json'), (township) =>
            requireWriteScope(actor, township),
          );
          return { result: created, rowId: created.id, after: created, adcode: created.townshipCode.slice(0, 6) };
        },
      );
      return c.json(row, 201);
    });
}
