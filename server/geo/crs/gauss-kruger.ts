/**
 * CGCS2000 3° Gauss-Krüger zones, written out from the EPSG registry (epsg.org, CRS codes
 * 4513–4554, all with projection method "Transverse Mercator", latitude of origin 0, scale factor
 * 1, false northing 0, on the CGCS2000 ellipsoid, which is GRS 1980):
 *
 * - EPSG:4513–4533 "CGCS2000 / 3-degree Gauss-Kruger zone 25…45": central meridian 3° × zone,
 *   false easting zone × 1,000,000 + 500,000 (the zone number is the easting's leading digits);
 * - EPSG:4534–4554 "CGCS2000 / 3-degree Gauss-Kruger CM 75E…135E": the same zones, false easting
 *   500,000, no prefix. Wuyang (113.4–113.9°E) lies in zone 38: EPSG:4526 / EPSG:4547, CM 114°E.
 *
 * EPSG lists these axes as northing (X), easting (Y), the Chinese surveying order; fireatlas keeps
 * every projected position as [easting, northing], like PostGIS and proj4 (swapped files are
 * detected in magnitude.ts). proj4 has no built-in definition of these codes, hence the strings.
 */

export const FIRST_ZONE = 25;
export const LAST_ZONE = 45;
/** EPSG code of zone 25 with the zone prefix; zone z is FIRST_PREFIXED_EPSG + (z − 25). */
const FIRST_PREFIXED_EPSG = 4513;
/** EPSG code of zone 25 (CM 75°E) without the prefix. */
const FIRST_CM_EPSG = 4534;

export interface GaussKrugerZone {
  epsg: number;
  zone: number;
  /** Central meridian, degrees east. */
  centralMeridian: number;
  /** Whether the false easting carries the zone number (zone × 1e6 + 500,000). */
  prefixed: boolean;
  falseEasting: number;
  proj4: string;
}

function zoneDefinition(zone: number, prefixed: boolean): GaussKrugerZone {
  const centralMeridian = 3 * zone;
  const falseEasting = (prefixed ? zone * 1_000_000 : 0) + 500_000;
  return {
    epsg: (prefixed ? FIRST_PREFIXED_EPSG : FIRST_CM_EPSG) + zone - FIRST_ZONE,
    zone,
    centralMeridian,
    prefixed,
    falseEasting,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
  };
}

/** Every zone definition, prefixed and not, by EPSG code (4513–4554). */
export const GAUSS_KRUGER_ZONES: ReadonlyMap<number, GaussKrugerZone> = new Map(
  [true, false].flatMap((prefixed) =>
    Array.from({ length: LAST_ZONE - FIRST_ZONE + 1 }, (_, i) => {
      const zone = zoneDefinition(FIRST_ZONE + i, prefixed);
      return [zone.epsg, zone] as const;
    }),
  ),
);

/** The EPSG code of a 3° zone (25–45), with or without the zone prefix. */
export function gaussKrugerEpsg(zone: number, prefixed: boolean): number {
  if (!Number.isInteger(zone) || zone < FIRST_ZONE || zone > LAST_ZONE) {
    throw new RangeError(`3° Gauss-Krüger zone ${zone} is outside CGCS2000's zones ${FIRST_ZONE}–${LAST_ZONE}`);
  }
  return (prefixed ? FIRST_PREFIXED_EPSG : FIRST_CM_EPSG) + zone - FIRST_ZONE;
}
