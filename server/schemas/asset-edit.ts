/**
 * Bodies of the asset edits (issue 13): POST /api/{units,hydrants,sites} and PATCH …/:id, the
 * same schemas the web forms validate with. The township is never sent: it is where the point
 * lies (the township polygon holding it). `If-Match: <version>` is required on PATCH and DELETE.
 */
import { z } from 'zod';
import { hydrantKind, hydrantStatus, siteCategory, unitKind, unitStatus } from '../../db/schema';
import { IsoDate } from './hazards';
import { bodyInt, safeText } from './params';

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const Code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'code: letters, digits, - and _ (≤ 40)');
const optionalText = (max: number) => safeText(max).nullish();

const where = { lon: Lon, lat: Lat };

const unitFields = {
  code: Code,
  name: safeText(100),
  kind: z.enum(unitKind.enumValues),
  grade: optionalText(40),
  status: z.enum(unitStatus.enumValues),
  staff: bodyInt(0, 10_000),
  vehicles: bodyInt(0, 1_000),
  equipment: z.array(safeText(100)).max(200),
  /** Turnout time (出动时间), seconds: 0..30 min. */
  turnoutS: bodyInt(0, 1_800),
  address: optionalText(200),
};

const hydrantFields = {
  kind: z.enum(hydrantKind.enumValues),
  status: z.enum(hydrantStatus.enumValues),
  /** L/s; GB 50974 §7.2.8 asks ≥ 15 L/s at the worst hydrant in a fire. */
  flowLps: z.number().min(0).max(1_000).nullish(),
  pressureMpa: z.number().min(0).max(10).nullish(),
  installedOn: IsoDate.nullish(),
  lastInspectedOn: IsoDate.nullish(),
  roadName: optionalText(100),
};

const siteFields = {
  name: safeText(200),
  category: z.enum(siteCategory.enumValues),
  riskLevel: bodyInt(1, 4),
  address: optionalText(200),
  floors: bodyInt(0, 300).nullish(),
  heightM: z.number().min(0).max(1_000).nullish(),
};

const atLeastOne = (o: object) => Object.keys(o).length > 0;
const patchOf = <T extends z.ZodRawShape>(shape: T) =>
  z
    .strictObject({ ...shape, ...where })
    .partial()
    .refine(atLeastOne, 'nothing to change')
    .refine((o: Record<string, unknown>) => (o.lon === undefined) === (o.lat === undefined), {
      message: 'lon and lat go together',
      path: ['lon'],
    });

export const UnitCreate = z.strictObject({ ...unitFields, ...where });
export const UnitPatch = patchOf(unitFields);
/** A new hydrant's code continues the HY-nnnn numbering when none is given. */
export const HydrantCreate = z.strictObject({ ...hydrantFields, ...where, code: Code.optional() });
export const HydrantPatch = patchOf({ ...hydrantFields, code: Code });
export const SiteCreate = z.strictObject({ ...siteFields, ...where, code: Code.optional() });
export const SitePatch = patchOf({ ...siteFields, code: Code });

export const editSchemas = {
  units: { create: UnitCreate, patch: UnitPatch },
  hydrants: { create: HydrantCreate, patch: HydrantPatch },
  sites: { create: SiteCreate, patch: SitePatch },
} as const;
export type EditLayer = keyof typeof editSchemas;
export type CreateBody<L extends EditLayer> = z.infer<(typeof editSchemas)[L]['create']>;
export type PatchBody<L extends EditLayer> = z.infer<(typeof editSchemas)[L]['patch']>;

/** `If-Match: 3` or `If-Match: "3"` (an ETag as this API sends it). */
export function parseIfMatch(header: string | undefined): number | undefined {
  const m = header?.trim().match(/^(?:W\/)?"?(\d{1,10})"?$/);
  const v = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(v) && v >= 1 && v <= 2_147_483_647 ? v : undefined;
}

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .max(50_000)
  .refine((r) => {
    const [a, b] = [r[0], r[r.length - 1]];
    return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
  }, 'a ring must be closed (first position = last)');

/**
 * PATCH /api/townships/:code: the township's new boundary (drawn on the map), or with
 * `mode: 'add'` an area drawn to add to it (the boundary becomes the union).
 */
export const TownshipBoundaryPatch = z.strictObject({
  mode: z.enum(['replace', 'add']).default('replace'),
  geom: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(500) }),
    z.strictObject({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(Ring).min(1).max(500)).min(1).max(500),
    }),
  ]),
});
