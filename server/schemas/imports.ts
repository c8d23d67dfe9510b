/** Parameters of the import endpoints (issue 12 §4). */
import { z } from 'zod';
import { type CrsId, parseCrsId } from '../geo/crs/systems';
import { IMPORT_LAYER_IDS } from '../import/layers/registry';
import { CountyParam, queryInt } from './params';

const Flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const ImportLayerParam = z.strictObject({ layer: z.enum(IMPORT_LAYER_IDS as [string, ...string[]]) });

export const Crs = z
  .string()
  .max(32)
  .transform((s, ctx): CrsId | 'auto' => {
    if (s.trim().toLowerCase() === 'auto') return 'auto';
    const id = parseCrsId(s);
    if (id) return id;
    ctx.addIssue({
      code: 'custom',
      message: 'crs must be auto, wgs84, cgcs2000, gcj02, bd09, bd09mc, epsg:3857 or epsg:4513–4554',
    });
    return z.NEVER;
  });

export const ImportQuery = z.strictObject({
  dryRun: Flag.optional(),
  skipInvalid: Flag.optional(),
  crs: Crs.optional(),
  /** The county to import into (adcode); default the focus county. */
  county: z
    .string()
    .regex(/^\d{6}$/, 'county must be a 6-digit adcode')
    .optional(),
});

/** `mapping`: field → the file's column (or null for none), as JSON. */
export const Mapping = z.record(z.string().max(64), z.string().max(200).nullable());

export const ImportIdParam = z.strictObject({ id: queryInt(1, 2_147_483_647) });
export const ImportListQuery = z.strictObject({ limit: queryInt(1, 500).optional() });

/** `GET /api/export/…`: the file format and the coordinate system of the points (default WGS84). */
export const ExportQuery = z.strictObject({
  format: z.enum(['xlsx', 'csv', 'geojson', 'kml']),
  /** Only this county's rows (adcode); every county's when absent. */
  county: CountyParam,
  crs: Crs.refine((c) => c !== 'auto', 'crs must name a system for an export').optional(),
  township: z
    .string()
    .regex(/^\d{9}$/, 'township must be a 9-digit code')
    .optional(),
});
