/** Request schemas of GET /api/coverage/stations and /api/coverage/stations/compare. */
import { z } from 'zod';
import { DEFAULT_THRESHOLDS_S } from '../analysis/isochrones';
import { TEAM_STANDARD_DEFAULT_S } from '../services/station-coverage';

const idList = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}(,\d{1,9})*$/, `${name} must be unit ids separated by commas`)
    .transform((s) => [...new Set(s.split(',').map(Number))]);

/** Seconds, 1 … 3600 (the site routing cutoff), comma-separated; unsorted is fine, duplicates dropped. */
const Thresholds = z
  .string()
  .trim()
  .regex(/^[^,]+(,[^,]+)*$/, 'thresholds must be seconds separated by commas')
  .transform((s, ctx) => {
    const values = s.split(',').map((p) => Number(p.trim()));
    for (const v of values) {
      if (!Number.isInteger(v) || v <= 0 || v > 3600) {
        ctx.addIssue({ code: 'custom', message: 'each threshold must be an integer number of seconds in 1…3600' });
        return z.NEVER;
      }
    }
    return [...new Set(values)].sort((a, b) => a - b);
  });

const Units = z
  .union([z.enum(['in_service', 'all']), idList('units')])
  .transform((u) => (u === 'in_service' || u === 'all' ? { kind: u } : { kind: 'ids' as const, ids: u }));

const Cell = z.coerce.number().int('cell must be an integer number of metres').min(25).max(1000);

export const StationCoverageQuery = z.strictObject({
  thresholds: Thresholds.default([...DEFAULT_THRESHOLDS_S]),
  mode: z.enum(['dissolve', 'split', 'overlap']).default('dissolve'),
  units: Units.default({ kind: 'in_service' }),
  include_built: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .default(false),
  cell: Cell.default(100),
  team_standard: z.coerce.number().int().min(60).max(3600).default(TEAM_STANDARD_DEFAULT_S),
});

export const StationCompareQuery = z.strictObject({
  activate: idList('activate'),
  cell: Cell.default(100),
});
