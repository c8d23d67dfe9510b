/**
 * Inputs of the station coverage analysis, of one county (issue 12 §5): its units, sites, boundary
 * and townships. `adcode` undefined means the focus county.
 */
import { sql } from 'drizzle-orm';
import type { MultiPolygon } from 'geojson';
import type { Db } from '../client';
import { ofCounty } from './county';

export type UnitKind = 'station' | 'township_team' | 'micro_station';
export type UnitStatus = 'in_service' | 'built' | 'planned' | 'closed';

export interface StationUnitRow {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  status: UnitStatus;
  staff: number;
  turnoutS: number;
  townshipCode: string | null;
  lon: number;
  lat: number;
}

export interface CoverageSiteRow {
  id: number;
  code: string;
  name: string;
  category: string;
  riskLevel: number;
  townshipCode: string;
  lon: number;
  lat: number;
}

export interface AreaRow {
  code: string;
  name: string;
  geom: MultiPolygon;
}

export async function stationUnits(db: Db, adcode?: string): Promise<StationUnitRow[]> {
  return db.rows<StationUnitRow>(sql`
    SELECT id, code, name, kind::text AS kind, status::text AS status, staff, turnout_s AS "turnoutS",
      township_code AS "townshipCode", ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM units WHERE ${ofCounty(adcode)} ORDER BY id`);
}

export async function coverageSites(db: Db, adcode?: string): Promise<CoverageSiteRow[]> {
  return db.rows<CoverageSiteRow>(sql`
    SELECT id, code, name, category::text AS category, risk_level::int AS "riskLevel",
      township_code AS "townshipCode", ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM sites WHERE ${ofCounty(adcode)} ORDER BY id`);
}

/** One county's boundary (the caller checked the adcode: server/services/county.ts). */
export async function countyArea(db: Db, adcode: string): Promise<AreaRow> {
  return db.one<AreaRow>(
    sql`SELECT adcode AS code, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM counties WHERE adcode = ${adcode}`,
    'county',
  );
}

export async function countyTownships(db: Db, adcode: string): Promise<AreaRow[]> {
  return db.rows<AreaRow>(
    sql`SELECT code, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM townships WHERE adcode = ${adcode} ORDER BY code`,
  );
}
