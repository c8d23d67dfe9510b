/**
 * Township work records (issue 15): the one zod row schema of each kind — used by the entry forms'
 * POST routes and meant for an import layer too (a file row maps to the same object) — and the
 * list queries. Dates are calendar dates; a patrol's place is a site id or an address with a point.
 */
import { z } from 'zod';
import { trainingKind } from '../../db/schema-township-work';
import { IsoDate } from './hazards';
import { TownshipCode } from './layers';
import { bodyInt, CountyParam, queryInt, safeText } from './params';

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);

export const PatrolRow = z
  .strictObject({
    townshipCode: TownshipCode,
    siteId: bodyInt(1).optional(),
    address: safeText(200).optional(),
    lonLat: z.tuple([Lon, Lat]).optional(),
    patrolledOn: IsoDate,
    patroller: safeText(50),
    hazardsFound: bodyInt(0, 1000).default(0),
    note: safeText(500).optional(),
  })
  .refine((r) => r.siteId !== undefined || (r.address !== undefined && r.lonLat !== undefined), {
    message: 'a patrol needs a siteId, or an address with lonLat',
    path: ['siteId'],
  })
  .refine((r) => r.siteId === undefined || (r.address === undefined && r.lonLat === undefined), {
    message: 'give a siteId or an address with lonLat, not both',
    path: ['address'],
  });
export type PatrolInput = z.infer<typeof PatrolRow>;

export const TrainingRow = z.strictObject({
  townshipCode: TownshipCode,
  heldOn: IsoDate,
  kind: z.enum(trainingKind.enumValues),
  place: safeText(200),
  /** Attendance (training, drill, publicity) or items (banners, leaflets). */
  quantity: bodyInt(0, 1_000_000),
  note: safeText(500).optional(),
});
export type TrainingInput = z.infer<typeof TrainingRow>;

export const VillageVisitRow = z.strictObject({
  townshipCode: TownshipCode,
  villageCode: z.string().regex(/^\d{12}$/, 'villageCode must be a 12-digit village code'),
  visitedOn: IsoDate,
  topic: safeText(200),
  note: safeText(500).optional(),
});
export type VillageVisitInput = z.infer<typeof VillageVisitRow>;

export const WorkListQuery = z
  .strictObject({
    /** Only this county's records (adcode); every county's when absent. */
    county: CountyParam,
    township: TownshipCode.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: queryInt(1, 1000).default(100),
    offset: queryInt(0, 10_000_000).default(0),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

/** `GET /api/<kind>/export`: a file of the records (township and window as the list's). */
export const WorkExportQuery = z
  .strictObject({
    format: z.enum(['xlsx', 'csv']),
    county: CountyParam,
    township: TownshipCode.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
