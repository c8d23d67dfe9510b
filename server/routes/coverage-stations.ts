/** GET /api/coverage/stations (coverage answer), /api/coverage/stations/compare (baseline vs activation or scenario), /api/scenarios. */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { ScenarioBody, ScenarioIdParam, StationCompareQuery, StationCoverageQuery } from '../schemas/coverage-stations';
import { compareStations, stationCoverage } from '../services/station-coverage';
import {
  createScenario,
  removeScenario,
  replaceScenario,
  scenarioById,
  scenarioList,
} from '../services/station-scenarios';
import { validate } from '../validate';

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
          erfS: q.erf,
        }),
        200,
      );
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
