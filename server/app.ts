/**
 * The Hono application: /api routes over one database handle, and (optionally) the built
 * web app. `createApp(db)` is what tests call with `app.request`, without a port.
 *
 * Every request passes, in order: the Host allow-list, security headers, the body limit, the
 * same-origin check for writes, the session (who is asking), and on the route itself its
 * permission (`allow(...)`, server/auth/roles.ts) before validation.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { Db } from '../db/client';
import type { AppEnv } from './auth/actor';
import { type AuthConfig, authConfig } from './auth/config';
import { sessionMiddleware } from './auth/session-middleware';
import { AppError, type ErrorBody, RateLimitedError } from './errors';
import { concurrencyLimit } from './http/concurrency-limit';
import { hostAllowList } from './http/host-allow-list';
import { sameOriginWrites } from './http/same-origin-writes';
import { securityHeaders } from './http/security-headers';
import { MAX_FILE_BYTES } from './import/read-file';
import { assetEditRoutes, townshipBoundaryRoutes } from './routes/asset-edit';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { bulletinRoutes } from './routes/bulletin';
import { type AppConfig, configRoutes } from './routes/config';
import { coverageStationRoutes, stationScenarioRoutes } from './routes/coverage-stations';
import { enforcementRoutes } from './routes/enforcement';
import { fireCallRoutes } from './routes/fire-call';
import { hazardEntryRoutes } from './routes/hazard-entry';
import { hazardRoutes } from './routes/hazards';
import { healthRoutes } from './routes/health';
import { hydrantCoverageRoutes, hydrantPlanRoutes } from './routes/hydrants-plan';
import { exportRoutes } from './routes/import-exports';
import { importListRoutes, importRoutes } from './routes/imports';
import { hydrantInspectionRoutes, inspectionRoutes } from './routes/inspections';
import { layerRoutes } from './routes/layers';
import { noticeRoutes } from './routes/notices';
import { searchRoutes } from './routes/search';
import { statsRoutes } from './routes/stats';
import { patrolRoutes, trainingRoutes, villageVisitRoutes } from './routes/township-work';
import { unitDutyRoutes } from './routes/unit-duty';
import { userRoutes } from './routes/users';
import { CountyCodeId, NumericId, layerQuery as q, TownshipCodeId, VillageCodeId } from './schemas/layers';

export interface AppOptions extends AppConfig {
  auth?: AuthConfig;
}

/** JSON bodies are small; file uploads (POST /api/import/:layer) get their own, larger limit. */
const JSON_BODY_LIMIT = 1024 * 1024;
/** The largest import file plus the multipart envelope. */
const UPLOAD_BODY_LIMIT = MAX_FILE_BYTES + 64 * 1024;
const isUpload = (method: string, path: string) => method === 'POST' && /^\/api\/import\/[a-z][a-z-]*$/.test(path);
/** Heavy analyses in flight per endpoint before 429. */
const HEAVY_IN_FLIGHT = 4;

export function createApi(db: Db, config: AppConfig = {}, auth: AuthConfig = authConfig()) {
  return (
    new Hono<AppEnv>()
      .route('/auth', authRoutes(db, auth))
      .route('/users', userRoutes(db, auth))
      .route('/audit', auditRoutes(db))
      .route('/health', healthRoutes(db))
      .route('/config', configRoutes(config))
      .route('/counties', layerRoutes(db, 'counties', q.counties, CountyCodeId))
      .route('/townships', layerRoutes(db, 'townships', q.townships, TownshipCodeId))
      .route('/villages', layerRoutes(db, 'villages', q.villages, VillageCodeId))
      .route('/roads', layerRoutes(db, 'roads', q.roads, NumericId))
      .route('/parks', layerRoutes(db, 'parks', q.parks, NumericId))
      .route('/pois', layerRoutes(db, 'pois', q.pois, NumericId))
      .route('/units', unitDutyRoutes(db)) // before the layer: /units/duty is not a layer item id
      .route('/units', layerRoutes(db, 'units', q.units, NumericId))
      .route('/hydrants', layerRoutes(db, 'hydrants', q.hydrants, NumericId))
      .route('/sites', layerRoutes(db, 'sites', q.sites, NumericId))
      // edits (issue 13): POST /, PATCH and DELETE /:id beside the layers' GETs
      .route('/townships', townshipBoundaryRoutes(db))
      .route('/units', assetEditRoutes(db, 'units'))
      .route('/hydrants', assetEditRoutes(db, 'hydrants'))
      .route('/sites', assetEditRoutes(db, 'sites'))
      .route('/hydrants', hydrantInspectionRoutes(db))
      .route('/inspections', inspectionRoutes(db))
      .route('/coverage', coverageStationRoutes(db))
      .route('/scenarios', stationScenarioRoutes(db))
      .route('/coverage/hydrants', hydrantCoverageRoutes(db))
      .route('/plan/hydrants', hydrantPlanRoutes(db))
      .route('/hazards', hazardRoutes(db)) // before the layer: /hazards/list is not a layer item id
      .route('/hazards', hazardEntryRoutes(db))
      .route('/hazards', layerRoutes(db, 'hazards', q.hazards, NumericId, 'records:read'))
      .route('/stats', statsRoutes(db))
      .route('/enforcement', enforcementRoutes(db))
      .route('/fire-call', fireCallRoutes(db))
      .route('/search', searchRoutes(db))
      .route('/import', importRoutes(db))
      .route('/imports', importListRoutes(db))
      .route('/export', exportRoutes(db))
      .route('/patrols', patrolRoutes(db))
      .route('/trainings', trainingRoutes(db))
      .route('/village-visits', villageVisitRoutes(db))
      .route('/notices', noticeRoutes(db))
      .route('/', bulletinRoutes(db))
  );
}
export type ApiType = ReturnType<typeof createApi>;

let requestCounter = 0;

function errorResponse(err: AppError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details } };
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (err instanceof RateLimitedError) headers['retry-after'] = String(err.retryAfterS);
  const retry = (err.details as { retryAfterS?: number } | undefined)?.retryAfterS;
  if (err.status === 423 && retry) headers['retry-after'] = String(retry);
  return new Response(JSON.stringify(body), { status: err.status, headers });
}

export function createApp(db: Db, options: AppOptions = {}) {
  const auth = options.auth ?? authConfig();
  const tileHosts = [
    'https://tile.openstreetmap.org',
    ...(options.tiandituTk ? ['https://*.tianditu.gov.cn'] : []),
    ...auth.tileHosts,
  ];
  const app = new Hono<AppEnv>();
  app.use('*', hostAllowList(auth.publicHosts));
  app.use('*', securityHeaders(tileHosts));
  const jsonLimit = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new AppError(413, 'payload_too_large', '请求体超过 1 MB (the body is larger than 1 MB)');
    },
  });
  const uploadLimit = bodyLimit({
    maxSize: UPLOAD_BODY_LIMIT,
    onError: () => {
      const mb = MAX_FILE_BYTES / 1024 / 1024;
      throw new AppError(413, 'payload_too_large', `上传文件超过 ${mb} MB (the file is larger than ${mb} MB)`);
    },
  });
  app.use('/api/*', (c, next) => (isUpload(c.req.method, c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next)));
  app.use('/api/*', sameOriginWrites(isUpload));
  app.use('/api/*', sessionMiddleware(db, auth));
  for (const path of [
    '/api/coverage/*',
    '/api/fire-call',
    '/api/plan/*',
    '/api/stats/*',
    '/api/hazards/heat',
    '/api/audit/*',
    '/api/bulletin*',
  ]) {
    app.use(path, concurrencyLimit(HEAVY_IN_FLIGHT));
  }
  // Layer answers are GeoJSON text: gzip shrinks the 4.9 MB sites layer about 10×.
  app.use('/api/*', compress());
  app.route('/api', createApi(db, options, auth));
  app.notFound((c) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } };
    return c.json(body, 404);
  });
  app.onError((err, c) => {
    if (err instanceof AppError) return errorResponse(err);
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
