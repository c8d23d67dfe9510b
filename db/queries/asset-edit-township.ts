/**
 * Township boundary edits (issue 13), in PostGIS: the drawn boundary clipped to the county, the
 * checks that keep the townships a partition of the county (nothing outside it, no gap left
 * behind, wider than 1 m), the neighbours giving up what the edited township takes, and the rows
 * whose point changed township following it. SQL only; the service owns the transaction.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../client';

/** Topology tolerance, metres (issue 13: no overlap or gap beyond 1 m). */
export const TOPOLOGY_M = 1;

/**
 * The area (m²) of a WGS84 geometry that survives shrinking it by the tolerance: 0 for slivers
 * within 1 m (and for lines, points, empties — an empty polygon is never buffered: PostGIS's
 * geography buffer fails on one with a garbage SRID).
 */
export const areaBeyondTolerance = (g: SQL) =>
  sql`(CASE WHEN ST_IsEmpty(${g}) THEN 0 ELSE coalesce(ST_Area(ST_Buffer((${g})::geography, ${-TOPOLOGY_M}::float8)), 0) END)`;

/** A polygon clipped to a county's boundary, as a MultiPolygon (overlay on a precision grid of `gridSize` degrees when given). */
export const clippedTo = (g: SQL, county: SQL, gridSize?: number) =>
  gridSize === undefined
    ? sql`ST_Multi(ST_CollectionExtract(ST_Intersection(${g}, ${county}), 3))`
    : sql`ST_Multi(ST_CollectionExtract(ST_Intersection(${g}, ${county}, ${gridSize}::float8), 3))`;

export interface TownshipRow {
  code: string;
  adcode: string;
  name: string;
  version: number;
  areaKm2: number;
}

export async function lockTownship(tx: Db, code: string): Promise<TownshipRow | null> {
  const [row] = await tx.rows<TownshipRow>(
    sql`SELECT code, adcode, name, version, area_km2 AS "areaKm2" FROM townships WHERE code = ${code} FOR UPDATE`,
  );
  return row ?? null;
}

/**
 * The drawn boundary against the county and the old boundary: whether it is valid, how much of it
 * lies outside the county beyond the tolerance, and how much of the old area it would release
 * without giving it to anyone (a gap) beyond the tolerance — both in m², 0 when within it.
 */
export async function boundaryCheck(tx: Db, code: string, geom: Polygon | MultiPolygon) {
  return tx.one<{ valid: boolean; outsideM2: number; gapM2: number; emptyAfterClip: boolean }>(
    sql`
    WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geom)}), 4326) AS g),
    t AS (SELECT geom, adcode FROM townships WHERE code = ${code}),
    c AS (SELECT c.geom FROM counties c, t WHERE c.adcode = t.adcode)
    SELECT ST_IsValid(g.g) AS valid,
      CASE WHEN ST_IsValid(g.g) THEN ${areaBeyondTolerance(sql`ST_Difference(g.g, c.geom)`)} ELSE 0 END AS "outsideM2",
      CASE WHEN ST_IsValid(g.g) THEN ${areaBeyondTolerance(sql`ST_Difference(t.geom, g.g)`)} ELSE 0 END AS "gapM2",
      CASE WHEN ST_IsValid(g.g) THEN ST_IsEmpty(ST_Intersection(g.g, c.geom)) ELSE true END AS "emptyAfterClip"
    FROM g, t, c`,
    'boundary check',
  );
}

/** The township's boundary with a drawn area added (their union), as GeoJSON; refused shapes stay for the check. */
export async function withArea(tx: Db, code: string, area: Polygon | MultiPolygon): Promise<Polygon | MultiPolygon> {
  const row = await tx.one<{ g: string | null }>(
    sql`WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(area)}), 4326) AS a)
      SELECT CASE WHEN ST_IsValid(a.a) THEN ST_AsGeoJSON(ST_Union(t.geom, a.a), 15) END AS g
      FROM townships t, a WHERE t.code = ${code}`,
    'township with area',
  );
  return row.g === null ? area : (JSON.parse(row.g) as Polygon | MultiPolygon);
}

/**
 * Writes the new boundary (clipped to the county) and takes it out of every neighbour; returns the
 * townships changed with their new areas, and any neighbour it would erase (nothing is written then
 * by the caller's rollback).
 */
export async function applyBoundary(tx: Db, code: string, geom: Polygon | MultiPolygon) {
  const g = sql`(SELECT ${clippedTo(sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geom)}), 4326)`, sql`c.geom`)}
    FROM counties c JOIN townships t ON t.adcode = c.adcode WHERE t.code = ${code})`;
  await tx.one(
    sql`UPDATE townships SET geom = ${g}, area_km2 = ST_Area(${g}::geography) / 1e6 WHERE code = ${code} RETURNING code`,
    'edited township',
  );
  return tx.rows<{ code: string; areaKm2: number; empty: boolean }>(sql`
    WITH e AS (SELECT geom, adcode FROM townships WHERE code = ${code})
    UPDATE townships n SET
      geom = ST_Multi(ST_CollectionExtract(ST_Difference(n.geom, e.geom), 3)),
      area_km2 = ST_Area(ST_Difference(n.geom, e.geom)::geography) / 1e6
    FROM e
    WHERE n.code <> ${code} AND n.adcode = e.adcode AND ST_Intersects(n.geom, e.geom)
      AND NOT ST_Touches(n.geom, e.geom)
    RETURNING n.code, n.area_km2 AS "areaKm2", ST_IsEmpty(n.geom) AS empty`);
}

/** Units, hydrants, sites and villages re-assigned to the township whose polygon now holds them; hazards and enforcement follow their site. */
export async function reassignTownships(tx: Db, codes: readonly string[]): Promise<number> {
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  const holder = (geom: ReturnType<typeof sql>) =>
    sql`(SELECT t.code FROM townships t WHERE ST_Covers(t.geom, ${geom}) ORDER BY t.code LIMIT 1)`;
  let moved = 0;
  for (const table of ['units', 'hydrants', 'sites', 'villages'] as const) {
    const rows = await tx.rows(sql`
      UPDATE ${sql.identifier(table)} x SET township_code = ${holder(sql`x.geom`)}
      WHERE x.township_code IN (${list}) AND x.township_code IS DISTINCT FROM ${holder(sql`x.geom`)}
        AND ${holder(sql`x.geom`)} IS NOT NULL
      RETURNING 1 AS one`);
    moved += rows.length;
  }
  for (const table of ['hazards', 'enforcement_actions'] as const) {
    await tx.rows(sql`
      UPDATE ${sql.identifier(table)} r SET township_code = s.township_code FROM sites s
      WHERE s.id = r.site_id AND r.township_code <> s.township_code`);
  }
  return moved;
}
