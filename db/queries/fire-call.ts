/**
 * Fire call (接处警辅助, issue 14) reads: where the scene is (county, township, village, the
 * nearest site), water sources within a radius (PostGIS geography metres, index-backed), and a
 * site's record (hazards with their history, enforcement, hazardous-chemical sites nearby).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

const point = (lon: number, lat: number) => sql`ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)`;

export interface ScenePlace {
  inCounty: boolean;
  townshipCode: string | null;
  townshipName: string | null;
  villageCode: string | null;
  villageName: string | null;
}

/** Whether county `adcode` holds the point, the township around the point and the nearest village of it. */
export async function scenePlace(db: Db, lon: number, lat: number, adcode: string): Promise<ScenePlace> {
  const p = point(lon, lat);
  return db.one<ScenePlace>(
    sql`SELECT
      EXISTS (SELECT 1 FROM counties c WHERE c.adcode = ${adcode} AND ST_Intersects(c.geom, ${p})) AS "inCounty",
      t.code AS "townshipCode", t.name AS "townshipName", v.code AS "villageCode", v.name AS "villageName"
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (SELECT code, name FROM townships WHERE ST_Intersects(geom, ${p}) ORDER BY code LIMIT 1) t ON true
    LEFT JOIN LATERAL (SELECT code, name FROM villages WHERE township_code = t.code
      ORDER BY geom <-> ${p} LIMIT 1) v ON true`,
    'scene place',
  );
}

export interface SceneSiteRow {
  id: number;
  code: string;
  name: string;
  address: string | null;
  distanceM: number;
}

/** The nearest site within `withinM` metres of the point, or null. */
export async function nearestSite(db: Db, lon: number, lat: number, withinM: number): Promise<SceneSiteRow | null> {
  const p = point(lon, lat);
  const [row] = await db.rows<SceneSiteRow>(
    sql`SELECT id, code, name, address, ST_Distance(geom::geography, ${p}::geography) AS "distanceM"
    FROM sites WHERE ST_DWithin(geom::geography, ${p}::geography, ${withinM}::float8)
    ORDER BY ST_Distance(geom::geography, ${p}::geography), id LIMIT 1`,
  );
  return row ?? null;
}

export interface SitePointRow extends SceneSiteRow {
  lon: number;
  lat: number;
}

export async function sitePoint(db: Db, id: number): Promise<SitePointRow | null> {
  const [row] = await db.rows<SitePointRow>(
    sql`SELECT id, code, name, address, 0::float8 AS "distanceM", ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sites WHERE id = ${id}`,
  );
  return row ?? null;
}

export interface WaterRow {
  id: number;
  code: string;
  kind: string;
  status: string;
  flowLps: number | null;
  pressureMpa: number | null;
  lastInspectedOn: string | null;
  roadName: string | null;
  lon: number;
  lat: number;
  straightM: number;
}

/** Water sources within `radiusM` ellipsoidal metres, nearest first. */
export async function waterWithin(db: Db, lon: number, lat: number, radiusM: number): Promise<WaterRow[]> {
  const p = point(lon, lat);
  return db.rows<WaterRow>(
    sql`SELECT id, code, kind::text AS kind, status::text AS status, flow_lps AS "flowLps",
      pressure_mpa AS "pressureMpa", last_inspected_on::text AS "lastInspectedOn", road_name AS "roadName",
      ST_X(geom) AS lon, ST_Y(geom) AS lat, ST_Distance(geom::geography, ${p}::geography) AS "straightM"
    FROM hydrants WHERE ST_DWithin(geom::geography, ${p}::geography, ${radiusM}::float8)
    ORDER BY "straightM", id`,
  );
}

export interface SiteRecordRow {
  id: number;
  code: string;
  name: string;
  category: string;
  riskLevel: number;
  address: string | null;
  floors: number | null;
  heightM: number | null;
  townshipCode: string;
}

export async function siteRecordRow(db: Db, id: number): Promise<SiteRecordRow> {
  return db.one<SiteRecordRow>(
    sql`SELECT id, code, name, category::text AS category, risk_level::int AS "riskLevel", address, floors,
      height_m AS "heightM", township_code AS "townshipCode" FROM sites WHERE id = ${id}`,
    'site',
  );
}

export interface SiteHazardRow {
  id: number;
  category: string;
  severity: string;
  status: string;
  description: string | null;
  foundOn: string;
  deadline: string;
  rectifiedOn: string | null;
  verifiedOn: string | null;
  predecessorId: number | null;
}

export async function siteHazards(db: Db, siteId: number): Promise<SiteHazardRow[]> {
  return db.rows<SiteHazardRow>(
    sql`SELECT id, category::text AS category, severity::text AS severity, status::text AS status, description,
      found_on::text AS "foundOn", deadline::text AS deadline, rectified_on::text AS "rectifiedOn",
      verified_on::text AS "verifiedOn", predecessor_id AS "predecessorId"
    FROM hazards WHERE site_id = ${siteId} ORDER BY found_on DESC, id DESC`,
  );
}

export interface SiteEnforcementRow {
  id: number;
  kind: string;
  fineYuan: number | null;
  decidedOn: string;
  note: string | null;
}

export async function siteEnforcement(db: Db, siteId: number): Promise<SiteEnforcementRow[]> {
  return db.rows<SiteEnforcementRow>(
    sql`SELECT id, kind::text AS kind, fine_yuan AS "fineYuan", decided_on::text AS "decidedOn", note
    FROM enforcement_actions WHERE site_id = ${siteId} ORDER BY decided_on DESC, id DESC`,
  );
}

export interface HazmatNearRow {
  id: number;
  code: string;
  name: string;
  distanceM: number;
}

/** Hazardous-chemical sites within `withinM` metres of the point (the scene site itself excluded). */
export async function hazmatNear(
  db: Db,
  lon: number,
  lat: number,
  withinM: number,
  exceptId: number | null,
): Promise<HazmatNearRow[]> {
  const p = point(lon, lat);
  return db.rows<HazmatNearRow>(
    sql`SELECT id, code, name, ST_Distance(geom::geography, ${p}::geography) AS "distanceM" FROM sites
    WHERE category = 'hazmat' AND id <> ${exceptId ?? -1}
      AND ST_DWithin(geom::geography, ${p}::geography, ${withinM}::float8)
    ORDER BY "distanceM", id`,
  );
}
