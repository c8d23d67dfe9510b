/**
 * Every import layer as a file (issue 12 §4): GET /api/export/:layer?format=xlsx|csv|geojson|kml&crs=…
 * for the map layers (units, hydrants, sites), GET /api/export/records/:layer for hazards and
 * enforcement (their readers only, a township user its own township, audited).
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { recordEvent } from '../auth/audit';
import { readScope } from '../auth/scope';
import { InvalidParameterError, NotFoundError } from '../errors';
import type { CrsId } from '../geo/crs/systems';
import { importLayer } from '../import/layers/registry';
import type { ImportLayer } from '../import/layers/types';
import { ExportQuery, ImportLayerParam } from '../schemas/imports';
import { countyOf } from '../services/county';
import { layerExport } from '../services/import-exports';
import { validate } from '../validate';

function layerOf(id: string, geometry: ImportLayer['geometry']): ImportLayer {
  const layer = importLayer(id);
  if (layer?.placement === 'work')
    throw new NotFoundError(`township work records are exported at /api/${id}/export (no record layer ${id} here)`);
  if (!layer || layer.geometry !== geometry)
    throw new NotFoundError(`no ${geometry === 'point' ? 'map' : 'record'} layer ${id} to export`);
  return layer;
}

const attachment = (ext: string) => `attachment; filename="${ext}"`;

export function exportRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get(
      '/records/:layer',
      allow('records:export'),
      validate('param', ImportLayerParam),
      validate('query', ExportQuery),
      async (c) => {
        const layer = layerOf(c.req.valid('param').layer, 'none');
        const q = c.req.valid('query');
        if (q.format === 'kml')
          throw new InvalidParameterError('记录没有坐标，不能导出为 KML (records have no coordinates: no KML)');
        const township = readScope(actorOf(c), q.township);
        const county = q.county === undefined ? undefined : await countyOf(db, q.county);
        const file = await layerExport(db, layer, { format: q.format, crs: 'wgs84', township, county });
        await recordEvent(db, whoOf(c), {
          action: `export.${layer.id}`,
          table: layer.table,
          ok: true,
          after: { format: q.format, township: township ?? null },
        });
        return c.body(file.body, 200, { 'content-type': file.type, 'content-disposition': attachment(file.ext) });
      },
    )
    .get(
      '/:layer',
      allow('map:read'),
      validate('param', ImportLayerParam),
      validate('query', ExportQuery),
      async (c) => {
        const layer = layerOf(c.req.valid('param').layer, 'point');
        const q = c.req.valid('query');
        const crs = (q.crs ?? 'wgs84') as CrsId;
        const county = q.county === undefined ? undefined : await countyOf(db, q.county);
        const file = await layerExport(db, layer, { format: q.format, crs, township: q.township, county });
        return c.body(file.body, 200, { 'content-type': file.type, 'content-disposition': attachment(file.ext) });
      },
    );
}
