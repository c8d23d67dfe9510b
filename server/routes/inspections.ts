/**
 * Hydrant inspections (issue 13): POST / GET /api/hydrants/:id/inspections, GET /api/inspections/due,
 * /route, /photos/:id, GET / PUT /api/inspections/intervals. Records are `records:*` (a township
 * user sees and writes its own township's); the intervals are a county setting (brigade).
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { readScope } from '../auth/scope';
import { DueQuery, InspectionBody, IntervalsBody, IntervalsQuery, RouteQuery } from '../schemas/inspections';
import { NumericId } from '../schemas/layers';
import { countyOf } from '../services/county';
import { inspectionRoute } from '../services/inspection-route';
import {
  dueList,
  inspectionHistory,
  inspectionIntervals,
  inspectionPhoto,
  recordInspection,
  setInspectionIntervals,
} from '../services/inspections';
import { validate } from '../validate';

export function hydrantInspectionRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/:id/inspections', allow('records:read'), validate('param', NumericId), async (c) =>
      c.json(await inspectionHistory(db, actorOf(c), c.req.valid('param').id), 200),
    )
    .post(
      '/:id/inspections',
      allow('records:write'),
      validate('param', NumericId),
      validate('json', InspectionBody),
      async (c) =>
        c.json(await recordInspection(db, whoOf(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
    );
}

export function inspectionRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/due', allow('records:read'), validate('query', DueQuery), async (c) => {
      const q = c.req.valid('query');
      const township = readScope(actorOf(c), q.township);
      return c.json(await dueList(db, { ...q, township }, whoOf(c).nowMs), 200);
    })
    .get('/route', allow('records:read'), validate('query', RouteQuery), async (c) => {
      const q = c.req.valid('query');
      readScope(actorOf(c), q.township);
      return c.json(await inspectionRoute(db, q, whoOf(c).nowMs), 200);
    })
    .get('/photos/:id', allow('records:read'), validate('param', NumericId), async (c) => {
      const photo = await inspectionPhoto(db, actorOf(c), c.req.valid('param').id);
      return c.body(new Uint8Array(photo.bytes), 200, {
        'content-type': photo.mime,
        'cache-control': 'private, max-age=3600',
      });
    })
    .get('/intervals', allow('records:read'), validate('query', IntervalsQuery), async (c) =>
      c.json(await inspectionIntervals(db, await countyOf(db, c.req.valid('query').county)), 200),
    )
    .put(
      '/intervals',
      allow('assets:write'),
      validate('query', IntervalsQuery),
      validate('json', IntervalsBody),
      async (c) => {
        const county = await countyOf(db, c.req.valid('query').county);
        return c.json(
          await setInspectionIntervals(db, whoOf(c), actorOf(c), county, c.req.valid('json').intervals),
          200,
        );
      },
    );
}
