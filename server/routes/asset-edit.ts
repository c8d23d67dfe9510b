/**
 * POST /api/{units,hydrants,sites}, PATCH and DELETE /api/{units,hydrants,sites}/:id (issue 13):
 * `assets:write`, the body validated by the forms' own schemas, `If-Match: <version>` required on
 * PATCH and DELETE (428 without it, 409 with the current row when stale). Answers carry the row
 * (a GeoJSON Feature), its `version` and an ETag. PATCH /api/townships/:code edits a boundary.
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { AppError } from '../errors';
import { type EditLayer, editSchemas, parseIfMatch, TownshipBoundaryPatch } from '../schemas/asset-edit';
import { NumericId, TownshipCodeId } from '../schemas/layers';
import { createAsset, deleteAsset, updateAsset } from '../services/asset-edit';
import { editTownshipBoundary } from '../services/asset-edit-township';
import { validate } from '../validate';

function ifMatchOf(header: string | undefined): number {
  const version = parseIfMatch(header);
  if (version === undefined) {
    throw new AppError(
      428,
      'precondition_required',
      '缺少 If-Match 版本号 (send If-Match: <version> of the row you edited)',
    );
  }
  return version;
}

export function assetEditRoutes<L extends EditLayer>(db: Db, layer: L) {
  const schema = editSchemas[layer];
  return new Hono<AppEnv>()
    .post('/', allow('assets:write'), validate('json', schema.create), async (c) => {
      const out = await createAsset(db, whoOf(c), actorOf(c), layer, c.req.valid('json') as never);
      c.header('etag', `"${out.version}"`);
      return c.json(out, 201);
    })
    .patch('/:id', allow('assets:write'), validate('param', NumericId), validate('json', schema.patch), async (c) => {
      const ifMatch = ifMatchOf(c.req.header('if-match'));
      const id = c.req.valid('param').id;
      const out = await updateAsset(db, whoOf(c), actorOf(c), layer, id, ifMatch, c.req.valid('json') as never);
      c.header('etag', `"${out.version}"`);
      return c.json(out, 200);
    })
    .delete('/:id', allow('assets:write'), validate('param', NumericId), async (c) => {
      const ifMatch = ifMatchOf(c.req.header('if-match'));
      return c.json(await deleteAsset(db, whoOf(c), actorOf(c), layer, c.req.valid('param').id, ifMatch), 200);
    });
}

export function townshipBoundaryRoutes(db: Db) {
  return new Hono<AppEnv>().patch(
    '/:id',
    allow('assets:write'),
    validate('param', TownshipCodeId),
    validate('json', TownshipBoundaryPatch),
    async (c) => {
      const ifMatch = ifMatchOf(c.req.header('if-match'));
      const { id } = c.req.valid('param');
      const { geom, mode } = c.req.valid('json');
      const out = await editTownshipBoundary(db, whoOf(c), actorOf(c), id, ifMatch, geom, mode);
      return c.json(out, 200);
    },
  );
}
