/**
 * GET /api/hazards/list (JSON rows with filters), GET /api/hazards/heat (weighted points per site)
 * and GET / POST /api/hazards/:id/transitions (history; one lifecycle step). Mounted
 * before the map layer at /api/hazards, whose GeoJSON GET / and GET /:id stay as they are.
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { HazardHeatQuery, HazardIdParam, HazardListQuery, TransitionBody } from '../schemas/hazards';
import { hazardHeatPoints } from '../services/hazard-heat';
import { hazardHistory, transitionHazard } from '../services/hazard-lifecycle';
import { hazardList } from '../services/hazard-list';
import { validate } from '../validate';

export function hazardRoutes(db: Db) {
  return new Hono()
    .get('/list', validate('query', HazardListQuery), async (c) =>
      c.json(await hazardList(db, c.req.valid('query')), 200),
    )
    .get('/heat', validate('query', HazardHeatQuery), async (c) =>
      c.json(await hazardHeatPoints(db, c.req.valid('query')), 200),
    )
    .get('/:id/transitions', validate('param', HazardIdParam), async (c) =>
      c.json(await hazardHistory(db, c.req.valid('param').id), 200),
    )
    .post('/:id/transitions', validate('param', HazardIdParam), validate('json', TransitionBody), async (c) =>
      c.json(await transitionHazard(db, c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
