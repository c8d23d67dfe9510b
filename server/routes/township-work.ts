/**
 * GET | POST /api/patrols, /api/trainings, /api/village-visits: township work records. Reads are
 * narrowed to a township user's own township; a write names its township, checked against the user's
 * and against the site, village or point; every write is audited.
 */
import { Hono } from 'hono';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { ListFilter } from '../../db/queries/township-work';
import type { Actor } from '../auth/actor';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite, recordEvent } from '../auth/audit';
import { readScope, requireWriteScope } from '../auth/scope';
import { importLayer } from '../import/layers/registry';
import type { ImportLayer } from '../import/layers/types';
import { PatrolRow, TrainingRow, VillageVisitRow, WorkExportQuery, WorkListQuery } from '../schemas/township-work';
import {
  createPatrol,
  createTraining,
  createVillageVisit,
  patrolList,
  trainingList,
  villageVisitList,
} from '../services/township-work';
import { workExport } from '../services/township-work-export';
import { validate } from '../validate';

function workRoutes<S extends z.ZodType, R extends { id: number; townshipCode: string }>(
  db: Db,
  layerId: string,
  schema: S,
  list: (db: Db, f: ListFilter) => Promise<{ total: number; rows: unknown[] }>,
  create: (tx: Db, input: z.infer<S>, guard: (township: string) => void) => Promise<R>,
) {
  // The record's import layer: its columns are the export's, so an exported file imports back.
  const layer = importLayer(layerId) as ImportLayer;
  const table = layer.table;
  return new Hono<AppEnv>()
    .get('/export', allow('records:export'), validate('query', WorkExportQuery), async (c) => {
      const q = c.req.valid('query');
      const township = readScope(actorOf(c), q.township);
      const file = await workExport(db, layer, { ...q, township });
      await recordEvent(db, whoOf(c), {
        action: `export.${layer.id}`,
        table,
        ok: true,
        after: { format: q.format, township: township ?? null, from: q.from ?? null, to: q.to ?? null },
      });
      return c.body(file.body, 200, {
        'content-type': file.type,
        'content-disposition': `attachment; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(`${layer.zh}-${file.name}`)}`,
      });
    })
    .get('/', allow('records:read'), validate('query', WorkListQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await list(db, { ...q, township: readScope(actorOf(c), q.township) }), 200);
    })
    .post('/', allow('records:write'), validate('json', schema), async (c) => {
      const actor: Actor = actorOf(c);
      const input = c.req.valid('json') as z.infer<S>;
      const row = await auditedWrite(db, whoOf(c), { action: `${table}.create`, table }, async (tx) => {
        const created = await create(tx, input, (township) => requireWriteScope(actor, township));
        return { result: created, rowId: created.id, after: created, adcode: created.townshipCode.slice(0, 6) };
      });
      return c.json(row, 201);
    });
}

export const patrolRoutes = (db: Db) => workRoutes(db, 'patrols', PatrolRow, patrolList, createPatrol);
export const trainingRoutes = (db: Db) => workRoutes(db, 'trainings', TrainingRow, trainingList, createTraining);
export const villageVisitRoutes = (db: Db) =>
  workRoutes(db, 'village-visits', VillageVisitRow, villageVisitList, createVillageVisit);
