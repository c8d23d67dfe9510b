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

/**
 * Changes whenever roads or speeds change: count, max(id), sum(length) of roads and the speed
 * table — a rebuilt graph is needed iff this string differs.
 */
export async function roadsFingerprint(db: Db): Promise<string> {
  const row = await db.one<{ fp: string }>(
    sql`SELECT concat_ws('|',
        (SELECT count(*)::int FROM roads), (SELECT coalesce(max(id), 0)::int FROM roads),
        (SELECT coalesce(round(sum(length_m)::numeric, 3), 0)::text FROM roads),
        (SELECT count(*) FILTER (WHERE oneway)::int FROM roads),
        (SELECT coalesce(string_agg(class || ':' || speed_kmh::text, ',' ORDER BY class), '') FROM road_classes),
        (SELECT count(*)::int FROM sites), (SELECT coalesce(max(id), 0)::int FROM sites)) AS fp`,
    'roads fingerprint',
  );
  return row.fp;
}

export async function roadRows(db: Db): Promise<RoadRow[]> {
  return db.rows<RoadRow>(sql`SELECT id, class, oneway, ST_AsGeoJSON(geom, 9)::json AS geom FROM roads ORDER BY id`);
}

export async function roadClassSpeeds(db: Db): Promise<RoadClassSpeed[]> {
  return db.rows<RoadClassSpeed>(
    sql`SELECT class, name_zh AS "nameZh", speed_kmh::float8 AS "speedKmh", source FROM road_classes ORDER BY rank, class`,
  );
}
