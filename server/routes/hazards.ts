/**
 * GET /api/hazards/list (JSON rows with filters), GET /api/hazards/heat (weighted points per site),
 * GET / POST /api/hazards/:id/transitions (history; one lifecycle step, audited) and
 * DELETE /api/hazards/:id/transitions/latest (undo the latest step, brigade only, audited).
 * Mounted before the map layer at /api/hazards, whose GeoJSON GET / and GET /:id stay as they are.
 * A township user's reads are narrowed to its township and its writes checked against it.
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite } from '../auth/audit';
import { readScope, requireReadScope, requireWriteScope } from '../auth/scope';
import { chinaToday } from '../auth/today';
import { HazardHeatQuery, HazardIdParam, HazardListQuery, TransitionBody } from '../schemas/hazards';
import { hazardHeatPoints } from '../services/hazard-heat';
import { hazardHistory, transitionHazard, undoLatestTransition } from '../services/hazard-lifecycle';
import { hazardList } from '../services/hazard-list';
import { validate } from '../validate';

const adcodeOf = (townshipCode: string) => townshipCode.slice(0, 6);

export function hazardRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/list', allow('records:read'), validate('query', HazardListQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await hazardList(db, { ...q, township: readScope(actorOf(c), q.township) }), 200);
    })
    .get('/heat', allow('records:read'), validate('query', HazardHeatQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await hazardHeatPoints(db, { ...q, township: readScope(actorOf(c), q.township) }), 200);
    })
    .get('/:id/transitions', allow('records:read'), validate('param', HazardIdParam), async (c) => {
      const history = await hazardHistory(db, c.req.valid('param').id);
      requireReadScope(actorOf(c), history.hazard.townshipCode);
      return c.json(history, 200);
    })
    .post(
      '/:id/transitions',
      allow('records:write'),
      validate('param', HazardIdParam),
      validate('json', TransitionBody),
      async (c) => {
        const id = c.req.valid('param').id;
        const who = whoOf(c);
        const actor = actorOf(c);
        const updated = await auditedWrite(
          db,
          who,
          { action: 'hazard.transition', table: 'hazards', rowId: id },
          async (tx) => {
            const { before, after } = await transitionHazard(tx, id, c.req.valid('json'), chinaToday(who.nowMs), (h) =>
              requireWriteScope(actor, h.townshipCode),
            );
            return { result: after, before, after, adcode: adcodeOf(after.townshipCode) };
          },
        );
        return c.json(updated, 200);
      },
    )
    .delete('/:id/transitions/latest', allow('records:undo'), validate('param', HazardIdParam), async (c) => {
      const id = c.req.valid('param').id;
      const out = await auditedWrite(
        db,
        whoOf(c),
        { action: 'hazard.undo_transition', table: 'hazards', rowId: id },
        async (tx) => {
          const { before, after, undone } = await undoLatestTransition(tx, id);
          return {
            result: { hazard: after, undone },
            before,
            after: { ...after, undone },
            adcode: adcodeOf(after.townshipCode),
          };
        },
      );
      return c.json(out, 200);
    });
}
