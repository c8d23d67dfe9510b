/**
 * GET /api/coverage/stations (coverage answer), /api/coverage/stations/sites (per-site table, one
 * page; + .csv with BOM and .xlsx, whole), /api/coverage/stations/compare (baseline vs activation
 * or scenario), /api/scenarios.
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import {
  ScenarioBody,
  ScenarioIdParam,
  StationCompareQuery,
  StationCoverageQuery,
  StationSitesExportQuery,
  StationSitesQuery,
} from '../schemas/coverage-stations';
import { compareStations } from '../services/station-comparison';
import { stationCoverage } from '../services/station-coverage';
import {
  createScenario,
  removeScenario,
  replaceScenario,
  scenarioById,
  scenarioList,
} from '../services/station-scenarios';
import { type SiteTableOptions, stationSitePage, stationSiteRows } from '../services/station-site-table';
import { sitesCsv, sitesFileName, sitesXlsx } from '../services/station-sites-export';
import { validate } from '../validate';

type SitesQuery = ReturnType<typeof StationSitesExportQuery.parse>;

function siteTableOptions(q: SitesQuery): SiteTableOptions {
  return {
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
  return new Hono()
    .get('/stations', validate('query', StationCoverageQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await stationCoverage(db, {
          thresholdsS: q.thresholds,
          mode: q.mode,
          units: q.units ?? { kind: 'in_service' },
          includeBuilt: q.include_built ?? false,
          cellM: q.cell,
          teamStandardS: q.team_standard,
          scenario: q.scenario,
          turnout: q.turnout,
          erfS: q.erf,
        }),
        200,
      );
    })
    .get('/stations/sites', validate('query', StationSitesQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await stationSitePage(db, { ...siteTableOptions(q), offset: q.offset, limit: q.limit }), 200);
    })
    .get('/stations/sites.csv', validate('query', StationSitesExportQuery), async (c) => {
      const o = siteTableOptions(c.req.valid('query'));
      return c.body(sitesCsv(await stationSiteRows(db, o)), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${sitesFileName(o, 'csv')}"`,
      });
    })
    .get('/stations/sites.xlsx', validate('query', StationSitesExportQuery), async (c) => {
      const o = siteTableOptions(c.req.valid('query'));
      const file = await sitesXlsx(await stationSiteRows(db, o), o.scope);
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${sitesFileName(o, 'xlsx')}"`,
      });
    })
    .get('/stations/compare', validate('query', StationCompareQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await compareStations(db, { activate: q.activate, scenario: q.scenario, cellM: q.cell }), 200);
    });
}

/** /api/scenarios: create, list, read, replace, delete what-if scenarios (never the baseline). */
export function stationScenarioRoutes(db: Db) {
  return new Hono()
    .get('/', async (c) => c.json(await scenarioList(db), 200))
    .post('/', validate('json', ScenarioBody), async (c) => c.json(await createScenario(db, c.req.valid('json')), 201))
    .get('/:id', validate('param', ScenarioIdParam), async (c) =>
      c.json(await scenarioById(db, c.req.valid('param').id), 200),
    )
    .put('/:id', validate('param', ScenarioIdParam), validate('json', ScenarioBody), async (c) =>
      c.json(await replaceScenario(db, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .delete('/:id', validate('param', ScenarioIdParam), async (c) =>
      c.json(await removeScenario(db, c.req.valid('param').id), 200),
    );
}
