/**
 * Hydrant planning (issue 5):
 * GET  /api/coverage/hydrants (+ /uncovered.csv, /uncovered.xlsx, /uncovered.geojson), POST /api/coverage/hydrants/what-if,
 * POST /api/plan/hydrants, POST /api/plan/hydrants/accept,
 * POST /api/plan/hydrants/proposals.csv|.xlsx|.geojson (the plan's body, plus optional `ranks`).
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite } from '../auth/audit';
import { requireWriteScope } from '../auth/scope';
import { AcceptBody, CoverageQuery, ExportBody, PlanBody, WhatIfBody } from '../schemas/hydrants-plan';
import { acceptHydrantProposals } from '../services/hydrant-accept';
import { hydrantCoverageReport } from '../services/hydrant-coverage-report';
import {
  proposalsCsv,
  proposalsGeojsonExport,
  proposalsXlsx,
  uncoveredCsv,
  uncoveredGeojson,
  uncoveredXlsx,
} from '../services/hydrant-exports';
import { planHydrantProposals } from '../services/hydrant-plan';
import { hydrantWhatIf } from '../services/hydrant-what-if-report';
import { validate } from '../validate';

export function hydrantCoverageRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/', allow('analysis:read'), validate('query', CoverageQuery), async (c) =>
      c.json(await hydrantCoverageReport(db, c.req.valid('query')), 200),
    )
    .get('/uncovered.csv', allow('analysis:read'), validate('query', CoverageQuery), async (c) => {
      const q = c.req.valid('query');
      const report = await hydrantCoverageReport(db, { ...q, limit: Number.MAX_SAFE_INTEGER });
      return c.body(uncoveredCsv(report.uncovered, q.lang), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="uncovered-sites.csv"',
      });
    })
    .get('/uncovered.xlsx', allow('analysis:read'), validate('query', CoverageQuery), async (c) => {
      const q = c.req.valid('query');
      const report = await hydrantCoverageReport(db, { ...q, limit: Number.MAX_SAFE_INTEGER });
      const file = await uncoveredXlsx(report.uncovered, q.lang);
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="uncovered-sites.xlsx"',
      });
    })
    .get('/uncovered.geojson', allow('analysis:read'), validate('query', CoverageQuery), async (c) => {
      const report = await hydrantCoverageReport(db, { ...c.req.valid('query'), limit: Number.MAX_SAFE_INTEGER });
      return c.body(JSON.stringify(uncoveredGeojson(report.uncovered)), 200, {
        'content-type': 'application/geo+json; charset=utf-8',
        'content-disposition': 'attachment; filename="uncovered-sites.geojson"',
      });
    })
    .post('/what-if', allow('analysis:read'), validate('json', WhatIfBody), async (c) =>
      c.json(await hydrantWhatIf(db, c.req.valid('json')), 200),
    );
}

export function hydrantPlanRoutes(db: Db) {
  return new Hono<AppEnv>()
    .post('/', allow('analysis:read'), validate('json', PlanBody), async (c) =>
      c.json(await planHydrantProposals(db, c.req.valid('json')), 200),
    )
    .post('/accept', allow('assets:write'), validate('json', AcceptBody), async (c) => {
      const actor = actorOf(c);
      const out = await auditedWrite(db, whoOf(c), { action: 'hydrant.accept', table: 'hydrants' }, async (tx) => {
        const result = await acceptHydrantProposals(tx, c.req.valid('json').proposals, (t) =>
          requireWriteScope(actor, t),
        );
        // Townships tile the county: the first 6 digits of a township code are its county's adcode.
        const adcode = result.inserted.find((h) => h.township)?.township?.slice(0, 6);
        return { result, rowId: result.inserted.map((h) => h.id).join(','), after: result.inserted, adcode };
      });
      return c.json(out, 201);
    })
    .post('/proposals.csv', allow('analysis:read'), validate('json', ExportBody), async (c) =>
      c.body(await proposalsCsv(db, c.req.valid('json')), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="hydrant-proposals.csv"',
      }),
    )
    .post('/proposals.xlsx', allow('analysis:read'), validate('json', ExportBody), async (c) => {
      const file = await proposalsXlsx(db, c.req.valid('json'));
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="hydrant-proposals.xlsx"',
      });
    })
    .post('/proposals.geojson', allow('analysis:read'), validate('json', ExportBody), async (c) => {
      const fc = await proposalsGeojsonExport(db, c.req.valid('json'));
      return c.body(JSON.stringify(fc), 200, {
        'content-type': 'application/geo+json; charset=utf-8',
        'content-disposition': 'attachment; filename="hydrant-proposals.geojson"',
      });
    });
}
