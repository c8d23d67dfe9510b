/** Bodies and queries of hydrant inspections (issue 13): the record, the due list and the route. */
import { z } from 'zod';
import { hydrantKind } from '../../db/schema';
import { inspectionResult } from '../../db/schema-inspections';
import { IsoDate } from './hazards';
import { TownshipCode } from './layers';
import { bodyInt, CountyParam, safeText } from './params';

/** A photo as base64 (no data: prefix), at most this many bytes once decoded. */
export const PHOTO_MAX_BYTES = 200 * 1024;
export const PHOTO_MAX_COUNT = 3;
const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const Photo = z.strictObject({
  mime: z.enum(PHOTO_MIMES),
  data: z
    .string()
    .max(Math.ceil(PHOTO_MAX_BYTES / 3) * 4, `a photo must be ≤ ${PHOTO_MAX_BYTES / 1024} KB`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'photo data must be base64'),
});

export const InspectionChecksSchema = z.strictObject({
  capsOk: z.boolean().optional(),
  valveOk: z.boolean().optional(),
  staticPressureMpa: z.number().min(0).max(10).optional(),
  flowLps: z.number().min(0).max(1_000).optional(),
  signageOk: z.boolean().optional(),
  obstructed: z.boolean().optional(),
  leak: z.boolean().optional(),
  frostProtected: z.boolean().optional(),
});

export const InspectionBody = z.strictObject({
  date: IsoDate,
  result: z.enum(inspectionResult.enumValues),
  checks: InspectionChecksSchema.default({}),
  note: safeText(500).nullish(),
  /** The phone's position when recorded, if it offered one. */
  position: z
    .strictObject({
      lon: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
      accuracyM: z.number().min(0).max(100_000).optional(),
    })
    .nullish(),
  photos: z.array(Photo).max(PHOTO_MAX_COUNT, `at most ${PHOTO_MAX_COUNT} photos`).default([]),
});
export type InspectionInput = z.infer<typeof InspectionBody>;

export const DueQuery = z.strictObject({
  /** The county (adcode; default the focus county, or the township's when one is given). */
  county: CountyParam,
  township: TownshipCode.optional(),
  /** The day the list is for (default today, China time). */
  asOf: IsoDate.optional(),
});

export const RouteQuery = z.strictObject({ county: CountyParam, township: TownshipCode, asOf: IsoDate.optional() });

/** GET / PUT /api/inspections/intervals: the county whose intervals they are (default the focus county). */
export const IntervalsQuery = z.strictObject({ county: CountyParam });

export const IntervalsBody = z.strictObject({
  intervals: z
    .array(z.strictObject({ kind: z.enum(hydrantKind.enumValues), days: bodyInt(1, 3_650) }))
    .min(1)
    .max(hydrantKind.enumValues.length),
});
