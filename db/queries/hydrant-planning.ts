/**
 * Reads and writes behind hydrant planning (issue 5): hydrants by status and kind, sites, the
 * built-up road edges, point-in-county / township tests, and the planned-hydrant insert.
 * Coordinates come back as lon / lat doubles and lines as GeoJSON, identical on both engines.
 */
import { sql } from 'drizzle-orm';
import type { LineString, Polygon } from 'geojson';
import type { Db } from '../client';

export interface HydrantPoint {
  id: number;
  code: string;
  status: string;
  kind: string;
  township: string | null;
  lon: number;
  lat: number;
}

export interface SitePoint {
  id: number;
  code: string;
  name: string;
  category: string;
  riskLevel: number;
  township: string;
  lon: number;
  lat: number;
}

export interface RoadEdge {
  id: number;
  name: string | null;
  source: string;
  /** Township whose polygon holds the edge's midpoint (null outside every township). */
  township: string | null;
  geom: LineString;
}

export interface TownshipSeat {
  code: string;
  name: string;
  lon: number;
  lat: number;
}

/** A county's hydrants with one of the statuses and kinds, ordered by id (the cached index keeps this order). */
export async function hydrantPoints(db: Db, statuses: readonly string[], kinds: readonly string[], adcode: string) {
  return db.rows<HydrantPoint>(sql`
    SELECT id, code, status::text AS status, kind::text AS kind, township_code AS township,
           ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM hydrants
    WHERE adcode = ${adcode} AND status::text IN (${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )})
      AND kind::text IN (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})
    ORDER BY id`);
}

/** A county's sites (optionally of one township), ordered by id. */
export async function sitePoints(db: Db, adcode: string, township?: string) {
  return db.rows<SitePoint>(sql`
    SELECT id, code, name, category::text AS category, risk_level::int AS "riskLevel",
           township_code AS township, ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM sites WHERE adcode = ${adcode}
    ${township === undefined ? sql`` : sql`AND township_code = ${township}`}
    ORDER BY id`);
}

/** Township seats of a county, by code. */
export async function townshipSeats(db: Db, adcode: string) {
  return db.rows<TownshipSeat>(sql`
    SELECT t.code, t.name, ST_X(t.seat) AS lon, ST_Y(t.seat) AS lat
    FROM townships t WHERE t.adcode = ${adcode}
    ORDER BY t.code`);
}

/**
 * Road edges of a county's built-up areas: every OSM edge (the county-seat street network), and
 * every other edge passing within `seatRadiusM` of a township seat (the caller clips those).
 */
export async function builtUpRoadEdges(db: Db, seatRadiusM: number, adcode: string) {
  const rows = await db.rows<Omit<RoadEdge, 'geom'> & { geom: string }>(sql`
    SELECT r.id, r.name, r.source::text AS source,
      (SELECT t.code FROM townships t
        WHERE ST_Covers(t.geom, ST_LineInterpolatePoint(r.geom, 0.5)) ORDER BY t.code LIMIT 1) AS township,
      ST_AsGeoJSON(r.geom) AS geom
    FROM roads r
    WHERE r.adcode = ${adcode}
      AND (r.source = 'osm'
       OR EXISTS (SELECT 1 FROM townships t WHERE t.adcode = ${adcode}
                  AND ST_DWithin(r.geom::geography, t.seat::geography, ${seatRadiusM})))
    ORDER BY r.id`);
  return rows.map((r) => ({ ...r, geom: JSON.parse(r.geom) as LineString }));
}

export async function townshipExists(db: Db, code: string): Promise<boolean> {
  const row = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM townships WHERE code = ${code}`);
  return row.n > 0;
}

/**
 * For a drawn polygon: whether PostGIS thinks it valid, and whether it meets county `adcode`
 * (null when invalid — GEOS is not asked about invalid shapes).
 */
export async function areaInCounty(db: Db, area: Polygon, adcode: string) {
  return db.one<{ valid: boolean; inside: boolean | null }>(
    sql`
    WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(area)}), 4326) AS g)
    SELECT ST_IsValid(a.g) AS valid,
      CASE WHEN ST_IsValid(a.g)
        THEN EXISTS (SELECT 1 FROM counties c WHERE c.adcode = ${adcode} AND ST_Intersects(c.geom, a.g)) END AS inside
    FROM a`,
    'area check',
  );
}

/**
 * For each point (in order): the county it falls in (null outside every county) and the township
 * polygon holding it (the lowest code on a shared edge).
 */
export async function locatePoints(db: Db, points: readonly [number, number][]) {
  if (points.length === 0) return [];
  const values = sql.join(
    points.map(([lon, lat], i) => sql`(${i}::int, ${lon}::float8, ${lat}::float8)`),
    sql`, `,
  );
  return db.rows<{ i: number; adcode: string | null; township: string | null }>(sql`
    WITH p(i, lon, lat) AS (VALUES ${values}),
    g AS (SELECT i, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom FROM p)
    SELECT g.i,
      (SELECT c.adcode FROM counties c WHERE ST_Covers(c.geom, g.geom) ORDER BY c.focus DESC, c.adcode LIMIT 1) AS adcode,
      (SELECT t.code FROM townships t
        WHERE ST_Covers(t.geom, g.geom) ORDER BY t.code LIMIT 1) AS township
    FROM g ORDER BY g.i`);
}

/** Hydrants (any status) within `metres` of each point: the duplicates an insert would make. */
export async function hydrantsNear(db: Db, points: readonly [number, number][], metres: number) {
  if (points.length === 0) return [];
  const values = sql.join(
    points.map(([lon, lat], i) => sql`(${i}::int, ${lon}::float8, ${lat}::float8)`),
    sql`, `,
  );
  return db.rows<{ i: number; code: string; distanceM: number }>(sql`
    WITH p(i, lon, lat) AS (VALUES ${values})
    SELECT p.i, h.code, ST_Distance(h.geom::geography, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography) AS "distanceM"
    FROM p JOIN hydrants h
      ON ST_DWithin(h.geom::geography, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography, ${metres})
    ORDER BY p.i, h.code`);
}

export async function hydrantIdsExisting(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db.rows<{ id: number }>(sql`
    SELECT id FROM hydrants WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY id`);
  return rows.map((r) => r.id);
}

/**
 * Locks hydrants against concurrent inserts until the transaction ends (codes are numbered
 * from the current maximum), and returns the largest number of the HY-nnnn codes.
 */
export async function lockHydrantCodes(tx: Db): Promise<number> {
  await tx.rows(sql`LOCK TABLE hydrants IN SHARE ROW EXCLUSIVE MODE`);
  const row = await tx.one<{ n: number }>(
    sql`SELECT coalesce(max(substring(code FROM 4)::int), 0)::int AS n FROM hydrants WHERE code ~ '^HY-[0-9]+$'`,
    'hydrant code maximum',
  );
  return row.n;
}

export interface PlannedHydrantRow {
  adcode: string;
  township: string | null;
  code: string;
  lon: number;
  lat: number;
  roadName: string | null;
}

export async function insertPlannedHydrants(tx: Db, rows: readonly PlannedHydrantRow[]) {
  if (rows.length === 0) return [];
  const values = sql.join(
    rows.map(
      (r) => sql`(${r.adcode}, ${r.township}, ${r.code}, 'municipal', 'planned', ${r.roadName}, false,
        ST_SetSRID(ST_MakePoint(${r.lon}::float8, ${r.lat}::float8), 4326))`,
    ),
    sql`, `,
  );
  return tx.rows<{ id: number; code: string; township: string | null; lon: number; lat: number }>(sql`
    INSERT INTO hydrants (adcode, township_code, code, kind, status, road_name, synthetic, geom)
    VALUES ${values}
    RETURNING id, code, township_code AS township, ST_X(geom) AS lon, ST_Y(geom) AS lat`);
}
