/**
 * GET /api/coverage/stations (coverage answer), /api/coverage/stations/sites (per-site table, one
 * page; + .csv with BOM and .xlsx, whole), /api/coverage/stations/compare (baseline vs activation
 * or scenario), /api/coverage/stations/snap (where a unit placed at a spot joins the roads),
 * /api/scenarios.
 */
import { Hono, type TypedResponse } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite } from '../auth/audit';
import { computeBudget } from '../http/compute-budget';
import {
  ScenarioBody,
  ScenarioCountyQuery,
  ScenarioIdParam,
  StationCompareQuery,
  StationCoverageQuery,
  StationSitesExportQuery,
  StationSitesQuery,
  StationSnapQuery,
} from '../schemas/coverage-stations';
import { countyOf } from '../services/county';
import { compareStations } from '../services/station-comparison';
import { type CoverageAnswerJson, stationCoverageJson } from '../services/station-coverage-answer';
import {
  checkScenarioPlacement,
  createScenario,
  removeScenario,
  replaceScenario,
  scenarioById,
  scenarioCounty,
  scenarioList,
} from '../services/station-scenarios';
import { type SiteTableOptions, stationSitePage, stationSiteRows } from '../services/station-site-table';
import { sitesCsv, sitesFileName, sitesXlsx } from '../services/station-sites-export';
import { stationSnap } from '../services/station-snap-answer';
import { validate } from '../validate';

type SitesQuery = ReturnType<typeof StationSitesExportQuery.parse>;

const offRoadOf = (q: { off_road_speed: number; off_road_max: number }) => ({
  speedKmh: q.off_road_speed,
  maxM: q.off_road_max,
});

function siteTableOptions(q: SitesQuery): SiteTableOptions {
  return {
    county: q.county,
    offRoad: offRoadOf(q),
    hypothetical: q.hypothetical,
    units: q.units ?? { kind: 'in_service' },
    includeBuilt: q.include_built ?? false,
    scenario: q.scenario,
    turnout: q.turnout,
    cellM: q.cell,
    scope: q.scope,
    thresholdS: q.threshold,
    township: q.township,
    sort: q.sort,
    dir: q.dir,
  };
}

export function coverageStationRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/stations', allow('analysis:read'), validate('query', StationCoverageQuery), async (c) => {
      const q = c.req.valid('query');
      const { json } = await stationCoverageJson(
        db,
        {
          county: q.county,
          thresholdsS: q.thresholds,
          mode: q.mode,
          units: q.units ?? { kind: 'in_service' },
          includeBuilt: q.include_built ?? false,
          cellM: q.cell,
          teamStandardS: q.team_standard,
          scenario: q.scenario,
          turnout: q.turnout,
          erfS: q.erf,
          thresholdS: q.threshold,
          offRoad: offRoadOf(q),
          hypothetical: q.hypothetical,
        },
        q.parts,
        computeBudget(c.get('auth').computeBudgetMs),
      );
      // Prepared text (each part serialised once per answer), typed for the client as the object it is.
      return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as Response &
        TypedResponse<CoverageAnswerJson, 200, 'json'>;
    })
    .get('/stations/sites', allow('analysis:read'), validate('query', StationSitesQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await stationSitePage(db, { ...siteTableOptions(q), offset: q.offset, limit: q.limit }), 200);
    })
    .get('/stations/sites.csv', allow('analysis:read'), validate('query', StationSitesExportQuery), async (c) => {
      const q = c.req.valid('query');
      const o = siteTableOptions(q);
      return c.body(sitesCsv(await stationSiteRows(db, o), q.lang), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${sitesFileName(o, 'csv')}"`,
      });
    })
    .get('/stations/sites.xlsx', allow('analysis:read'), validate('query', StationSitesExportQuery), async (c) => {
      const q = c.req.valid('query');
      const o = siteTableOptions(q);
      const file = await sitesXlsx(await stationSiteRows(db, o), o, q.lang);
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${sitesFileName(o, 'xlsx')}"`,
      });
    })
    .get('/stations/compare', allow('analysis:read'), validate('query', StationCompareQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await compareStations(db, {
          county: q.county,
          activate: q.activate,
          scenario: q.scenario,
          cellM: q.cell,
          thresholdS: q.threshold,
          offRoad: offRoadOf(q),
        }),
        200,
      );
    })
    .get('/stations/snap', allow('analysis:read'), validate('query', StationSnapQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await stationSnap(db, q.lon, q.lat, q.off_road_max, q.county), 200);
    });
}

/** /api/scenarios: create, list, read, replace, delete what-if scenarios (never the baseline); writes audited. */
export function stationScenarioRoutes(db: Db) {
  const write = { table: 'scenarios' } as const;
  return new Hono<AppEnv>()
    .get('/', allow('analysis:read'), validate('query', ScenarioCountyQuery), async (c) =>
      c.json(await scenarioList(db, c.req.valid('query').county), 200),
    )
    .post(
      '/',
      allow('scenarios:write'),
      validate('query', ScenarioCountyQuery),
      validate('json', ScenarioBody),
      async (c) => {
        const county = await countyOf(db, c.req.valid('query').county);
        await checkScenarioPlacement(db, c.req.valid('json').changes, county);
        const row = await auditedWrite(db, whoOf(c), { ...write, action: 'scenario.create' }, async (tx) => {
          const created = await createScenario(tx, c.req.valid('json'), county);
          return { result: created, rowId: created.id, after: created, adcode: created.adcode };
        });
        return c.json(row, 201);
      },
    )
    .get('/:id', allow('analysis:read'), validate('param', ScenarioIdParam), async (c) =>
      c.json(await scenarioById(db, c.req.valid('param').id), 200),
    )
    .put(
      '/:id',
      allow('scenarios:write'),
      validate('param', ScenarioIdParam),
      validate('json', ScenarioBody),
      async (c) => {
        const id = c.req.valid('param').id;
        await checkScenarioPlacement(db, c.req.valid('json').changes, await scenarioCounty(db, id));
        const row = await auditedWrite(db, whoOf(c), { ...write, action: 'scenario.update', rowId: id }, async (tx) => {
          const before = await scenarioById(tx, id);
          const after = await replaceScenario(tx, id, c.req.valid('json'));
          return { result: after, before, after, adcode: after.adcode };
        });
        return c.json(row, 200);
      },
    )
    .delete('/:id', allow('scenarios:write'), validate('param', ScenarioIdParam), async (c) => {
      const id = c.req.valid('param').id;
      const out = await auditedWrite(db, whoOf(c), { ...write, action: 'scenario.delete', rowId: id }, async (tx) => {
        const before = await scenarioById(tx, id);
        return { result: await removeScenario(tx, id), before, adcode: before.adcode };
      });
      return c.json(out, 200);
    });
}
