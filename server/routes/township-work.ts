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
import { auditedWrite } from '../auth/audit';
import { readScope, requireWriteScope } from '../auth/scope';
import { PatrolRow, TrainingRow, VillageVisitRow, WorkListQuery } from '../schemas/township-work';
import {
  createPatrol,
  createTraining,
  createVillageVisit,
  patrolList,
  trainingList,
  villageVisitList,
} from '../services/township-work';
import { validate } from '../validate';

function workRoutes<S extends z.ZodType, R extends { id: number; townshipCode: string }>(
  db: Db,
  table: string,
  schema: S,
  list: (db: Db, f: ListFilter) => Promise<{ total: number; rows: unknown[] }>,
  create: (tx: Db, input: z.infer<S>, guard: (township: string) => void) => Promise<R>,
) {
  return new Hono<AppEnv>()
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
  workRoutes(db, 'village_visits', VillageVisitRow, villageVisitList, createVillageVisit);
