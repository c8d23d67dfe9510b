/** The road network for routing: roads with their class speed (road_classes), and a cheap fingerprint. */
import { sql } from 'drizzle-orm';
import type { LineString, MultiLineString } from 'geojson';
import type { Db } from '../client';

export interface RoadRow {
  id: number;
  class: string;
  oneway: boolean;
  geom: LineString | MultiLineString;
}

export interface RoadClassSpeed {
  class: string;
  nameZh: string;
  speedKmh: number;
  source: string;
}

/** One county's roads (each county routes on its own network). */
export async function roadRows(db: Db, adcode: string): Promise<RoadRow[]> {
  return db.rows<RoadRow>(
    sql`SELECT id, class, oneway, ST_AsGeoJSON(geom, 9)::json AS geom FROM roads WHERE adcode = ${adcode} ORDER BY id`,
  );
}

export async function roadClassSpeeds(db: Db): Promise<RoadClassSpeed[]> {
  return db.rows<RoadClassSpeed>(
    sql`SELECT class, name_zh AS "nameZh", speed_kmh::float8 AS "speedKmh", source FROM road_classes ORDER BY rank, class`,
  );
}
