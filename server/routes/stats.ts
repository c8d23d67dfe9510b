/**
 * GET /api/stats/townships (JSON), /townships.csv (UTF-8 BOM) and /townships.xlsx: the township
 * ranking; GET /api/stats/townships/:code/trend: one township's numbers per week (or stepDays).
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import type { AppEnv } from '../auth/actor';
import { allow } from '../auth/allow';
import { TownshipStatsQuery, TownshipTrendParam, TownshipTrendQuery } from '../schemas/hazards';
import { townshipStats, townshipTrendSeries } from '../services/township-stats';
import { exportFileName, statsCsv, statsXlsx } from '../services/township-stats-export';
import { validate } from '../validate';

export function statsRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/townships', allow('analysis:read'), validate('query', TownshipStatsQuery), async (c) =>
      c.json(await townshipStats(db, c.req.valid('query')), 200),
    )
    .get('/townships.csv', allow('analysis:read'), validate('query', TownshipStatsQuery), async (c) => {
      const q = c.req.valid('query');
      const stats = await townshipStats(db, q);
      return c.body(statsCsv(stats, q.lang), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${exportFileName(stats, 'csv')}"`,
      });
    })
    .get('/townships.xlsx', allow('analysis:read'), validate('query', TownshipStatsQuery), async (c) => {
      const q = c.req.valid('query');
      const stats = await townshipStats(db, q);
      const file = await statsXlsx(stats, q.lang);
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${exportFileName(stats, 'xlsx')}"`,
      });
    })
    .get(
      '/townships/:code/trend',
      allow('analysis:read'),
      validate('param', TownshipTrendParam),
      validate('query', TownshipTrendQuery),
      async (c) => c.json(await townshipTrendSeries(db, c.req.valid('param').code, c.req.valid('query')), 200),
    );
}
