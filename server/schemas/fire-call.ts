/** Request schemas of the fire call (GET /api/fire-call), the search and the unit duty board. */
import { z } from 'zod';
import { DUTY_STATUSES } from '../services/unit-duty';
import { CountyParam, queryInt, queryNumber, safeText } from './params';

/** Water sources are listed within this radius by default (issue 14: 500 m, configurable up to 2 km). */
export const DEFAULT_WATER_RADIUS_M = 500;

export const FireCallQuery = z
  .strictObject({
    /** The county whose units respond (adcode); default the focus county. */
    county: CountyParam,
    lon: queryNumber(-180, 180, 'lon').optional(),
    lat: queryNumber(-90, 90, 'lat').optional(),
    site: queryInt(1, 2_147_483_647).optional(),
    units: z.enum(['available', 'all']).default('available'),
    waterRadius: queryInt(10, 2000, 'waterRadius must be whole metres between 10 and 2000')
      .optional()
      .transform((r) => r ?? DEFAULT_WATER_RADIUS_M),
  })
  .refine(
    (q) =>
      q.site !== undefined ? q.lon === undefined && q.lat === undefined : q.lon !== undefined && q.lat !== undefined,
    { message: 'give either site=ID or both lon= and lat=' },
  );

export const SearchQuery = z.strictObject({
  q: safeText(100),
  limit: queryInt(1, 50)
    .optional()
    .transform((n) => n ?? 12),
});

export const DutyBody = z.strictObject({
  status: z.enum(DUTY_STATUSES),
  note: safeText(200).optional(),
});
