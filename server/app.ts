/**
 * The Hono application: /api routes over one database handle, and (optionally) the built
 * web app. `createApp(db)` is what tests call with `app.request`, without a port.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { Db } from '../db/client';
import { AppError, type ErrorBody } from './errors';
import { type AppConfig, configRoutes } from './routes/config';
import { coverageStationRoutes, stationScenarioRoutes } from './routes/coverage-stations';
import { enforcementRoutes } from './routes/enforcement';
import { hazardRoutes } from './routes/hazards';
import { healthRoutes } from './routes/health';
import { hydrantCoverageRoutes, hydrantPlanRoutes } from './routes/hydrants-plan';
import { layerRoutes } from './routes/layers';
import { statsRoutes } from './routes/stats';
import { CountyCodeId, NumericId, layerQuery as q, TownshipCodeId, VillageCodeId } from './schemas/layers';

export function createApi(db: Db, config: AppConfig = {}) {
  return new Hono()
    .route('/health', healthRoutes(db))
    .route('/config', configRoutes(config))
    .route('/counties', layerRoutes(db, 'counties', q.counties, CountyCodeId))
    .route('/townships', layerRoutes(db, 'townships', q.townships, TownshipCodeId))
    .route('/villages', layerRoutes(db, 'villages', q.villages, VillageCodeId))
    .route('/roads', layerRoutes(db, 'roads', q.roads, NumericId))
    .route('/parks', layerRoutes(db, 'parks', q.parks, NumericId))
    .route('/pois', layerRoutes(db, 'pois', q.pois, NumericId))
    .route('/units', layerRoutes(db, 'units', q.units, NumericId))
    .route('/hydrants', layerRoutes(db, 'hydrants', q.hydrants, NumericId))
    .route('/sites', layerRoutes(db, 'sites', q.sites, NumericId))
    .route('/coverage', coverageStationRoutes(db))
    .route('/scenarios', stationScenarioRoutes(db))
    .route('/coverage/hydrants', hydrantCoverageRoutes(db))
    .route('/plan/hydrants', hydrantPlanRoutes(db))
    .route('/hazards', hazardRoutes(db)) // before the layer: /hazards/list is not a layer item id
    .route('/hazards', layerRoutes(db, 'hazards', q.hazards, NumericId))
    .route('/stats', statsRoutes(db))
    .route('/enforcement', enforcementRoutes(db));
}
export type ApiType = ReturnType<typeof createApi>;

let requestCounter = 0;

export function createApp(db: Db, config: AppConfig = {}) {
  const app = new Hono();
  // Layer answers are GeoJSON text: gzip shrinks the 4.9 MB sites layer about 10×.
  app.use('/api/*', compress());
  app.route('/api', createApi(db, config));
  app.notFound((c) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } };
    return c.json(body, 404);
  });
  app.onError((err, c) => {
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details } };
      return c.json(body, err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const body: ErrorBody = { error: { code: 'invalid_parameter', message: err.message || 'bad request' } };
      return c.json(body, err.status);
    }
    const requestId = `req-${Date.now().toString(36)}-${++requestCounter}`;
    console.error(`[${requestId}] ${c.req.method} ${c.req.path}:`, err);
    return c.json({ error: { code: 'internal', message: `internal error (${requestId})` } }, 500);
  });
  return app;
}
