/** What the search box indexes (issue 14): names, codes and positions of every searchable row. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface SearchRow {
  kind: 'township' | 'unit' | 'village' | 'site' | 'hydrant' | 'road';
  id: string;
  name: string;
  code: string;
  address: string | null;
  townshipCode: string | null;
  lon: number;
  lat: number;
}

export async function searchRows(db: Db): Promise<SearchRow[]> {
  return db.rows<SearchRow>(sql`
    SELECT 'township' AS kind, code AS id, name, code, NULL AS address, code AS "townshipCode",
      ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM townships
    UNION ALL
    SELECT 'unit', id::text, name, code, address, township_code, ST_X(geom), ST_Y(geom) FROM units
    UNION ALL
    SELECT 'village', code, name, code, NULL, township_code, ST_X(geom), ST_Y(geom) FROM villages
    UNION ALL
    SELECT 'site', id::text, name, code, address, township_code, ST_X(geom), ST_Y(geom) FROM sites
    UNION ALL
    SELECT 'hydrant', id::text, code, code, road_name, township_code, ST_X(geom), ST_Y(geom) FROM hydrants
    UNION ALL
    SELECT 'road', min(id)::text, name, '', NULL, NULL, ST_X(ST_LineInterpolatePoint((array_agg(geom ORDER BY length_m DESC))[1], 0.5)),
      ST_Y(ST_LineInterpolatePoint((array_agg(geom ORDER BY length_m DESC))[1], 0.5))
    FROM roads WHERE name IS NOT NULL AND name <> '' GROUP BY name`);
}
