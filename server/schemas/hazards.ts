/** Request schemas of the hazard, township statistics and enforcement endpoints. */
import { z } from 'zod';
import { enforcementKind, hazardCategory, hazardStatus } from '../../db/schema';
import { NumericId, TownshipCode } from './layers';
import { CountyParam, queryInt, safeText } from './params';

/** A real calendar date YYYY-MM-DD (2023-02-30 is refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

const Bool = z.enum(['true', 'false']).transform((s) => s === 'true');
const WindowDays = queryInt(0, 3650);

export const HazardIdParam = NumericId;

export const TransitionBody = z.strictObject({
  /** The status the client saw: a different current status is a 409 (two people acting on one hazard). */
  from: z.enum(hazardStatus.enumValues),
  to: z.enum(hazardStatus.enumValues),
  on: IsoDate,
  note: safeText(500).optional(),
});

const fromBeforeTo = (q: { from?: string; to?: string }) =>
  q.from === undefined || q.to === undefined || q.from <= q.to;
const fromBeforeToIssue = { message: 'from must not be after to', path: ['from'] };

export const HazardListQuery = z
  .strictObject({
    /** Only this county's hazards (adcode); every county's when absent. */
    county: CountyParam,
    township: TownshipCode.optional(),
    status: z.enum(hazardStatus.enumValues).optional(),
    category: z.enum(hazardCategory.enumValues).optional(),
    overdue: Bool.optional(),
    rebound: Bool.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    asOf: IsoDate.optional(),
    reboundWindowDays: WindowDays.optional(),
    limit: queryInt(1, 10_000).default(100),
    offset: queryInt(0, 10_000_000).default(0),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export const STAT_METRICS = [
  'found',
  'rectified',
  'verified',
  'open',
  'overdue',
  'foundPerKm2',
  'foundPer100Sites',
  'rectifiedRate',
  'rebounds',
  'reboundRate',
  'fines',
  'fineYuan',
  'enforcement',
] as const;
export type StatMetric = (typeof STAT_METRICS)[number];

export const TownshipStatsQuery = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    metric: z.enum(STAT_METRICS).default('found'),
    asOf: IsoDate.optional(),
    reboundWindowDays: WindowDays.optional(),
    /** The county whose townships are ranked (adcode); default the focus county. */
    county: CountyParam,
    /** Headers of the exports (townships.csv / .xlsx): Chinese (default) or English. */
    lang: z.enum(['zh', 'en']).optional(),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export const EnforcementBody = z
  .strictObject({
    siteId: z.number().int().min(1).max(2_147_483_647),
    kind: z.enum(enforcementKind.enumValues),
    fineYuan: z.number().int().min(1).max(100_000_000).optional(),
    decidedOn: IsoDate,
    note: safeText(500).optional(),
  })
  .refine((b) => (b.kind === 'fine') === (b.fineYuan !== undefined), {
    message: 'fineYuan is required for a fine and only for a fine',
    path: ['fineYuan'],
  });

export const EnforcementQuery = z
  .strictObject({
    township: TownshipCode.optional(),
    kind: z.enum(enforcementKind.enumValues).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

export const TownshipTrendParam = z.strictObject({ code: TownshipCode });
export const TownshipTrendQuery = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** Bucket length in days: 7 = weekly (周通报), 1 = daily. */
    stepDays: queryInt(1, 366).default(7),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

/** GET /api/hazards/heat: `state=open` ignores `from` (open at `to`, whenever found). */
export const HazardHeatQuery = z
  .strictObject({
    state: z.enum(['all', 'open']).default('all'),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    township: TownshipCode.optional(),
    /** Only this county's hazards (adcode); every county's when absent. */
    county: CountyParam,
  })
  .refine(fromBeforeTo, fromBeforeToIssue);
