/**
 * The coordinate systems a brigade's files come in (docs/standards.md §5), as the ids the import
 * pipeline and the `crs=` parameter use:
 *
 * - `wgs84` — EPSG:4326, degrees [lon, lat];
 * - `cgcs2000` — EPSG:4490, degrees. Its ellipsoid (GRS 1980) and frame differ from WGS84's by
 *   centimetres to a few decimetres at the present epoch, far below map scale and below the
 *   precision of the brigade's data, so it is treated as WGS84 (the conversion is the identity);
 * - `gcj02` — the obfuscated frame of Amap / Tencent maps (degrees);
 * - `bd09` — Baidu's frame, GCJ-02 obfuscated once more (degrees);
 * - `bd09mc` — Baidu's Mercator metres [x, y] (Baidu's own piecewise polynomials, not EPSG:3857);
 * - `epsg:3857` — Web Mercator metres on WGS84;
 * - `epsg:4513`…`epsg:4533` — CGCS2000 3° Gauss-Krüger with the zone prefix in the easting,
 *   `epsg:4534`…`epsg:4554` — the same zones without it (gauss-kruger.ts), [easting, northing].
 */
import { GAUSS_KRUGER_ZONES } from './gauss-kruger';

export type GeographicSystem = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';
export type CrsId = GeographicSystem | 'bd09mc' | 'epsg:3857' | `epsg:${number}`;

/** [x, y]: [lon, lat] in degrees or [easting, northing] in metres, by system. */
export type XY = [number, number];

const NAMED: Record<string, CrsId> = {
  wgs84: 'wgs84',
  'epsg:4326': 'wgs84',
  cgcs2000: 'cgcs2000',
  'epsg:4490': 'cgcs2000',
  gcj02: 'gcj02',
  bd09: 'bd09',
  bd09ll: 'bd09',
  bd09mc: 'bd09mc',
  'epsg:3857': 'epsg:3857',
  'epsg:900913': 'epsg:3857',
};

/** A system id from user text (`EPSG:4547`, `wgs84`, `epsg:4326` → `wgs84` …), or undefined. */
export function parseCrsId(text: string): CrsId | undefined {
  const key = text.trim().toLowerCase().replace(/\s+/g, '');
  const named = NAMED[key];
  if (named) return named;
  const match = /^epsg:(\d{4})$/.exec(key);
  if (match && GAUSS_KRUGER_ZONES.has(Number(match[1]))) return `epsg:${Number(match[1])}`;
  return undefined;
}
