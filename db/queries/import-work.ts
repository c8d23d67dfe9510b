/**
 * SQL of the township work import layers (patrols, trainings, village visits): the sites a row may
 * name by code or name, the county's townships and villages, and the township a free point lies in.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface SiteRef {
  id: number;
  code: string;
  name: string;
  township: string;
}

/** Sites of the county whose code or name is one of `keys`. */
export async function sitesByCodeOrName(db: Db, adcode: string, keys: readonly string[]): Promise<SiteRef[]> {
  if (keys.length === 0) return [];
  return db.rows<SiteRef>(sql`
    WITH k AS (SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) AS key)
    SELECT id, code, name, township_code AS township FROM sites
    WHERE adcode = ${adcode} AND (code IN (SELECT key FROM k) OR name IN (SELECT key FROM k))
    ORDER BY id`);
}

export async function countyTownships(db: Db, adcode: string): Promise<{ code: string; name: string }[]> {
  return db.rows(sql`SELECT code, name FROM townships WHERE adcode = ${adcode} ORDER BY code`);
}

export interface VillageRef {
  code: string;
  name: string;
  shortName: string;
  township: string;
}

export async function countyVillages(db: Db, adcode: string): Promise<VillageRef[]> {
  return db.rows<VillageRef>(sql`SELECT code, name, short_name AS "shortName", township_code AS township
    FROM villages WHERE adcode = ${adcode} ORDER BY code`);
}

/** Per point (n, lon, lat): the county's township covering it (null outside every one). */
export async function pointTownships(
  db: Db,
  adcode: string,
  points: readonly { n: number; lon: number; lat: number }[],
): Promise<{ n: number; township: string | null }[]> {
  if (points.length === 0) return [];
  return db.rows(sql`
    WITH p AS (
      SELECT (x->>'n')::int AS n, ST_SetSRID(ST_MakePoint((x->>'lon')::float8, (x->>'lat')::float8), 4326) AS g
      FROM jsonb_array_elements(${JSON.stringify(points)}::jsonb) AS a(x))
    SELECT p.n, (SELECT t.code FROM townships t WHERE t.adcode = ${adcode} AND ST_Covers(t.geom, p.g)
      ORDER BY t.code LIMIT 1) AS township
    FROM p ORDER BY p.n`);
}
