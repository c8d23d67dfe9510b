/**
 * GET /api/units/duty (the duty board) and PUT /api/units/:id/duty `{status, note?}` (one unit's
 * status, audited; a township user changes its own township's units only). Mounted before the
 * units layer, whose GET / and GET /:id stay as they are.
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite } from '../auth/audit';
import { requireWriteScope } from '../auth/scope';
import { DutyBody } from '../schemas/fire-call';
import { NumericId } from '../schemas/layers';
import { dutyBoard, setUnitDuty } from '../services/unit-duty';
import { validate } from '../validate';

export function unitDutyRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/duty', allow('map:read'), async (c) => c.json({ units: await dutyBoard(db) }, 200))
    .put('/:id/duty', allow('duty:write'), validate('param', NumericId), validate('json', DutyBody), async (c) => {
      const id = c.req.valid('param').id;
      const who = whoOf(c);
      const actor = actorOf(c);
      const after = await auditedWrite(db, who, { action: 'unit.duty', table: 'unit_duty', rowId: id }, async (tx) => {
        const out = await setUnitDuty(
          tx,
          id,
          c.req.valid('json'),
          { username: actor.username, nowMs: who.nowMs },
          (t) => requireWriteScope(actor, t),
        );
        return { result: out.after, before: out.before, after: out.after, adcode: out.adcode };
      });
      return c.json(after, 200);
    });
}
