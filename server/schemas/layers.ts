/** Query and path parameters of the layer endpoints, validated at the edge. */
import { z } from 'zod';
import {
  hazardCategory,
  hazardStatus,
  hydrantKind,
  hydrantStatus,
  siteCategory,
  unitKind,
  unitStatus,
} from '../../db/schema';
import { queryInt } from './params';

/** `bbox=minLon,minLat,maxLon,maxLat` in WGS84 degrees. */
export const Bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox must be minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90, 'bbox outside WGS84 bounds')
  .refine(([w, s, e, n]) => w < e && s < n, 'bbox min must be below max');

/** 9-digit township code (NBS 统计用区划代码, e.g. 411121104 辛安镇). */
export const TownshipCode = z.string().regex(/^\d{9}$/, 'township must be a 9-digit code');
const Limit = queryInt(1, 100_000);

const base = { bbox: Bbox.optional(), limit: Limit.optional() };
const withTownship = { ...base, township: TownshipCode.optional() };

export const layerQuery = {
  counties: z.strictObject(base),
  townships: z.strictObject(withTownship),
  villages: z.strictObject(withTownship),
  roads: z.strictObject({
    ...withTownship,
    kind: z
      .string()
      .regex(/^[a-z_]{1,32}$/, 'unknown road class')
      .optional(),
  }),
  parks: z.strictObject(withTownship),
  pois: z.strictObject({
    ...withTownship,
    category: z
      .string()
      .regex(/^[a-z_]{1,40}$/)
      .optional(),
  }),
  units: z.strictObject({
    ...withTownship,
    kind: z.enum(unitKind.enumValues).optional(),
    status: z.enum(unitStatus.enumValues).optional(),
  }),
  hydrants: z.strictObject({
    ...withTownship,
    kind: z.enum(hydrantKind.enumValues).optional(),
    status: z.enum(hydrantStatus.enumValues).optional(),
  }),
  sites: z.strictObject({ ...withTownship, category: z.enum(siteCategory.enumValues).optional() }),
  hazards: z.strictObject({
    ...withTownship,
    status: z.enum(hazardStatus.enumValues).optional(),
    category: z.enum(hazardCategory.enumValues).optional(),
  }),
};

export const NumericId = z.strictObject({ id: queryInt(1, 2_147_483_647) });
export const CountyCodeId = z.strictObject({ id: z.string().regex(/^\d{6}$/, 'id must be a 6-digit county code') });
export const TownshipCodeId = z.strictObject({ id: TownshipCode });
export const VillageCodeId = z.strictObject({ id: z.string().regex(/^\d{12}$/, 'id must be a 12-digit village code') });
