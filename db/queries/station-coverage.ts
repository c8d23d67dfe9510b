/** Inputs of the station coverage analysis: units, sites, the focus county and its townships. */
import { sql } from 'drizzle-orm';
import type { MultiPolygon } from 'geojson';
import type { Db } from '../client';

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

export async function stationUnits(db: Db): Promise<StationUnitRow[]> {
  return db.rows<StationUnitRow>(sql`
    SELECT id, code, name, kind::text AS kind, status::text AS status, staff, turnout_s AS "turnoutS",
      township_code AS "townshipCode", ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM units ORDER BY id`);
}

export async function coverageSites(db: Db): Promise<CoverageSiteRow[]> {
  return db.rows<CoverageSiteRow>(sql`
    SELECT id, code, name, category::text AS category, risk_level::int AS "riskLevel",
      township_code AS "townshipCode", ST_X(geom) AS lon, ST_Y(geom) AS lat
    FROM sites ORDER BY id`);
}

/** The focus county (counties.focus = true); NoRowError when none is loaded. */
export async function focusCounty(db: Db): Promise<AreaRow> {
  return db.one<AreaRow>(
    sql`SELECT adcode AS code, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM counties WHERE focus ORDER BY adcode LIMIT 1`,
    'focus county',
  );
}

export async function countyTownships(db: Db, adcode: string): Promise<AreaRow[]> {
  return db.rows<AreaRow>(
    sql`SELECT code, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM townships WHERE adcode = ${adcode} ORDER BY code`,
  );
}
