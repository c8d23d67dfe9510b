/** GET /api/coverage/stations (coverage answer) and /api/coverage/stations/compare (baseline vs activation). */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { StationCompareQuery, StationCoverageQuery } from '../schemas/coverage-stations';
import { compareStations, stationCoverage } from '../services/station-coverage';
import { validate } from '../validate';

export function coverageStationRoutes(db: Db) {
  return new Hono()
    .get('/stations', validate('query', StationCoverageQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await stationCoverage(db, {
          thresholdsS: q.thresholds,
          mode: q.mode,
          units: q.units,
          includeBuilt: q.include_built,
          cellM: q.cell,
          teamStandardS: q.team_standard,
        }),
        200,
      );
    })
    .get('/stations/compare', validate('query', StationCompareQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await compareStations(db, { activate: q.activate, cellM: q.cell }), 200);
    });
}
