/** Query and body parameters of hydrant coverage, placement, what-if and accept (issue 5). */
import { z } from 'zod';
import { hydrantKind, hydrantStatus } from '../../db/schema';
import { TownshipCode } from './layers';
import { bodyInt, CountyParam, queryInt, queryNumber, safeText } from './params';

/** Protection radius in metres: > 0 and ≤ 1000 (GB 50974 sets 150 m; larger is a what-if). */
const Radius = queryNumber(0, 1000, 'radius').refine((r) => r > 0, 'radius must be > 0 m');

function csvList<T extends string>(values: readonly [T, ...T[]], what: string) {
  return z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values, { message: `unknown ${what}` })).min(1, `at least one ${what}`));
}

// Defaults: hydrants in working order, municipal only — the 150 m radius and 120 m spacing of
// GB 50974-2014 §7.2.5 are municipal-hydrant rules.
const filterQuery = {
  /** The county (adcode) whose hydrants, sites and streets are counted; default the focus county. */
  county: CountyParam,
  radius: Radius.default(150),
  statuses: csvList(hydrantStatus.enumValues, 'hydrant status').default(['ok']),
  kinds: csvList(hydrantKind.enumValues, 'hydrant kind').default(['municipal']),
};
const filterBody = {
  /** The county (adcode) whose hydrants, sites and streets are counted; default the focus county. */
  county: CountyParam,
  radius: z.number().gt(0, 'radius must be > 0 m').max(1000, 'radius must be ≤ 1000 m').default(150),
  statuses: z.array(z.enum(hydrantStatus.enumValues)).min(1).default(['ok']),
  kinds: z.array(z.enum(hydrantKind.enumValues)).min(1).default(['municipal']),
};

export const CoverageQuery = z.strictObject({
  ...filterQuery,
  township: TownshipCode.optional(),
  /** Uncovered sites listed (all are counted). */
  limit: queryInt(1, 100_000).default(500),
  /** Headers and labels of the exports (uncovered.csv / .xlsx): Chinese (default) or English. */
  lang: z.enum(['zh', 'en']).optional(),
});

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const LonLatPair = z.tuple([Lon, Lat]);

/** A GeoJSON Polygon with closed rings of ≥ 4 positions. */
const Ring = z
  .array(LonLatPair)
  .min(4, 'a ring needs at least 4 positions')
  .max(10_000)
  .refine((r) => {
    const a = r[0];
    const b = r[r.length - 1];
    return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
  }, 'a ring must be closed (first position = last)');
export const PolygonGeometry = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(Ring).min(1).max(100),
});

export const PlanBody = z.strictObject({
  ...filterBody,
  count: z.number().int().min(1, 'count must be 1..500').max(500, 'count must be 1..500').default(30),
  /** Planned hydrants (accepted proposals) count as if they existed (issue 13); false leaves them out. */
  includePlanned: z.boolean().default(true),
  township: TownshipCode.optional(),
  area: PolygonGeometry.optional(),
  /** Minimum distance of a proposal from a counted hydrant, metres. */
  minDistance: z.number().min(0).max(1000).optional(),
  weights: z
    .strictObject({
      /** Weight of one uncovered site of risk level 1, 2, 3, 4. */
      risk: z.array(z.number().min(0).max(1e6)).length(4).optional(),
      /** Weight of one metre of uncovered built-up street. */
      perMetre: z.number().min(0).max(1e6).optional(),
    })
    .optional(),
});

/** Body of the proposal exports: the plan's body, optionally narrowed to some of its ranks. */
export const ExportBody = PlanBody.extend({
  ranks: z.array(z.number().int().min(1).max(500)).max(500).optional(),
  /** Headers and labels of the file: Chinese (default) or English. */
  lang: z.enum(['zh', 'en']).optional(),
});

export const WhatIfBody = z.strictObject({
  ...filterBody,
  add: z.array(LonLatPair).max(500).default([]),
  faulty: z.array(bodyInt(1)).max(5000).default([]),
});

export const AcceptBody = z.strictObject({
  proposals: z
    .array(
      z.strictObject({
        lon: Lon,
        lat: Lat,
        roadName: safeText(100).nullish(),
      }),
    )
    .min(1)
    .max(500),
});
