/**
 * SQL of the area import layers (issue 12 §1: township boundaries, the county boundary): each
 * converted polygon checked as the township boundary edit checks one (validity, the county,
 * overlaps — within TOPOLOGY_M, the same expressions: asset-edit-township.ts), clipped to the
 * county, with its label point and area, and the reference lines the coordinate detection fits
 * the polygons' outer vertices to.
 *
 * Every overlay here runs on a precision grid (GRID, ~0.1 mm): a converted boundary's vertices lie
 * within nanodegrees of the stored ones, and plain GEOS overlays of such near-coincident edges can
 * fail — PGlite then returns no row at all instead of an error (seen with ST_Difference).
 */
import { sql } from 'drizzle-orm';
import type { MultiPolygon } from 'geojson';
import type { Db } from '../client';
import { areaBeyondTolerance, clippedTo } from './asset-edit-township';

export interface AreaCandidate {
  n: number;
  code: string;
  geom: MultiPolygon;
}

export interface PlacedArea {
  n: number;
  valid: boolean;
  /** m² of the polygon outside the county beyond the tolerance (townships). */
  outsideM2: number;
  /** Other townships (of the file or the database) it overlaps beyond the tolerance, with the m². */
  overlaps: { code: string; m2: number }[] | null;
  /** Townships of the county left outside the boundary beyond the tolerance (the county layer). */
  townshipsOutside: string[] | null;
  existing: boolean;
  /** The polygon as written (townships: clipped to the county), hex EWKB. */
  geom: string | null;
  /** The label point: the existing one while the new polygon holds it, else a point on its surface. */
  label: string | null;
  areaKm2: number | null;
  /** The county's `focus` flag as stored (false for a new county). */
  focus: boolean;
  labelLon: number | null;
  labelLat: number | null;
}

/** Adds the label point's longitude and latitude to each placed row. */
const withLabel = (q: ReturnType<typeof sql>) => sql`
  SELECT q.*, ST_X(ST_GeomFromEWKB(decode(q.label, 'hex')))::float8 AS "labelLon",
    ST_Y(ST_GeomFromEWKB(decode(q.label, 'hex')))::float8 AS "labelLat"
  FROM (${q}) q ORDER BY q.n`;

/** Overlay precision grid, degrees (~0.1 mm). */
const GRID = 1e-9;
const grid = sql`${GRID}::float8`;

const input = (rows: readonly AreaCandidate[]) => sql`
  SELECT (x->>'n')::int AS n, x->>'code' AS code, ST_SetSRID(ST_GeomFromGeoJSON(x->>'geom'), 4326) AS g
  FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS a(x)`;

/** Township polygons of county `adcode`: checked against the county and every other township (the file's and the rest). */
export async function placeTownshipAreas(
  db: Db,
  adcode: string,
  rows: readonly AreaCandidate[],
): Promise<PlacedArea[]> {
  if (rows.length === 0) return [];
  return db.rows<PlacedArea>(
    withLabel(sql`
    WITH f AS (${input(rows)}),
    c AS (SELECT geom FROM counties WHERE adcode = ${adcode}),
    k AS (
      SELECT f.n, f.code, ST_IsValid(f.g) AS valid,
        CASE WHEN ST_IsValid(f.g) THEN ${clippedTo(sql`f.g`, sql`c.geom`, GRID)} END AS g,
        CASE WHEN ST_IsValid(f.g) THEN ${areaBeyondTolerance(sql`ST_Difference(f.g, c.geom, ${grid})`)} ELSE 0 END AS outside
      FROM f, c
    ),
    others AS (
      SELECT n, code, g FROM k WHERE valid
      UNION ALL
      SELECT NULL::int, t.code, t.geom FROM townships t WHERE t.adcode = ${adcode} AND t.code NOT IN (SELECT code FROM f)
    )
    SELECT k.n, k.valid, k.outside::float8 AS "outsideM2", NULL::jsonb AS "townshipsOutside",
      (SELECT jsonb_agg(jsonb_build_object('code', o.code, 'm2', round(o.m2::numeric))) FROM (
        SELECT o.code, ${areaBeyondTolerance(sql`ST_Intersection(k.g, o.g, ${grid})`)} AS m2 FROM others o
        WHERE o.n IS DISTINCT FROM k.n AND o.code <> k.code AND ST_Intersects(k.g, o.g) AND NOT ST_Touches(k.g, o.g)
      ) o WHERE o.m2 > 0) AS overlaps,
      e.code IS NOT NULL AS existing,
      encode(ST_AsEWKB(k.g), 'hex') AS geom,
      CASE WHEN k.valid AND NOT ST_IsEmpty(k.g) THEN encode(ST_AsEWKB(
        CASE WHEN e.seat IS NOT NULL AND ST_Covers(k.g, e.seat) THEN e.seat ELSE ST_PointOnSurface(k.g) END), 'hex') END AS label,
      CASE WHEN k.valid THEN (ST_Area(k.g::geography) / 1e6)::float8 END AS "areaKm2",
      false AS focus
    FROM k LEFT JOIN townships e ON e.code = k.code`),
  );
}

/** County polygons: valid, and holding the townships the database has for that county. */
export async function placeCountyAreas(db: Db, rows: readonly AreaCandidate[]): Promise<PlacedArea[]> {
  if (rows.length === 0) return [];
  return db.rows<PlacedArea>(
    withLabel(sql`
    WITH f AS (${input(rows)})
    SELECT f.n, ST_IsValid(f.g) AS valid, 0::float8 AS "outsideM2", NULL::jsonb AS overlaps,
      CASE WHEN ST_IsValid(f.g) THEN (SELECT jsonb_agg(t.code ORDER BY t.code) FROM townships t
        WHERE t.adcode = f.code AND ${areaBeyondTolerance(sql`ST_Difference(t.geom, f.g, ${grid})`)} > 0) END AS "townshipsOutside",
      e.adcode IS NOT NULL AS existing,
      encode(ST_AsEWKB(ST_Multi(f.g)), 'hex') AS geom,
      CASE WHEN ST_IsValid(f.g) THEN encode(ST_AsEWKB(
        CASE WHEN e.center IS NOT NULL AND ST_Covers(f.g, e.center) THEN e.center ELSE ST_PointOnSurface(f.g) END), 'hex') END AS label,
      NULL::float8 AS "areaKm2",
      coalesce(e.focus, false) AS focus
    FROM f LEFT JOIN counties e ON e.adcode = f.code`),
  );
}

/** The county's boundary rings as WGS84 lines (what a township file's outer vertices must lie on). */
export async function countyBoundaryLines(db: Db, adcode: string): Promise<[number, number][][]> {
  const rows = await db.rows<{ c: [number, number][] | string }>(sql`
    SELECT (ST_AsGeoJSON((ST_Dump(ST_Boundary(geom))).geom, 7)::json)->'coordinates' AS c
    FROM counties WHERE adcode = ${adcode}`);
  return rows.map((r) => (typeof r.c === 'string' ? JSON.parse(r.c) : r.c));
}

/** The county's square metres no township covers beyond the tolerance (after the commit it would be a gap). */
export async function uncoveredM2(db: Db, adcode: string, replaced: readonly AreaCandidate[]): Promise<number> {
  const row = await db.one<{ m2: number }>(
    sql`
    WITH f AS (${input(replaced)}),
    t AS (
      SELECT g FROM f WHERE ST_IsValid(g)
      UNION ALL SELECT geom FROM townships WHERE adcode = ${adcode} AND code NOT IN (SELECT code FROM f)
    )
    SELECT coalesce((SELECT ${areaBeyondTolerance(sql`ST_Difference(c.geom, (SELECT coalesce(ST_Union(g, ${grid}), ST_GeomFromText('POLYGON EMPTY', 4326)) FROM t), ${grid})`)}
      FROM counties c WHERE c.adcode = ${adcode}), 0)::float8 AS m2`,
    'uncovered area',
  );
  return row.m2;
}

/** Every township code of the county (the rows of all of them follow a boundary import). */
export async function countyTownshipCodes(db: Db, adcode: string): Promise<string[]> {
  const rows = await db.rows<{ code: string }>(sql`SELECT code FROM townships WHERE adcode = ${adcode} ORDER BY code`);
  return rows.map((r) => r.code);
}

/** Counties among `adcodes` that hold townships (a county boundary import is undone only before its townships are imported). */
export async function countiesWithTownships(db: Db, adcodes: readonly string[]): Promise<string[]> {
  if (adcodes.length === 0) return [];
  const rows = await db.rows<{ adcode: string }>(sql`SELECT DISTINCT adcode FROM townships
    WHERE adcode IN (SELECT jsonb_array_elements_text(${JSON.stringify(adcodes)}::jsonb)) ORDER BY adcode`);
  return rows.map((r) => r.adcode);
}
