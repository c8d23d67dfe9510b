/** SQL of the road import: the county to clip to, replacing a county's roads, the import record. */
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Position } from 'geojson';
import type { Db } from '../client';

export interface ImportCounty {
  adcode: string;
  name: string;
  geom: MultiPolygon;
}

/** The county by adcode, or the focus county when none is given; undefined when there is none. */
export async function importCounty(db: Db, adcode?: string): Promise<ImportCounty | undefined> {
  const [row] = await db.rows<ImportCounty>(
    adcode === undefined
      ? sql`SELECT adcode, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM counties WHERE focus ORDER BY adcode LIMIT 1`
      : sql`SELECT adcode, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM counties WHERE adcode = ${adcode}`,
  );
  return row;
}

export interface RoadInsertRow {
  cls: string;
  name: string | null;
  oneway: boolean;
  highway: string | null;
  osmId: number | null;
  coords: Position[];
}

export async function deleteCountyRoads(db: Db, adcode: string): Promise<number> {
  const rows = await db.rows<{ id: number }>(sql`DELETE FROM roads WHERE adcode = ${adcode} RETURNING id`);
  return rows.length;
}

/**
 * Inserts rows in input order (ids ascend with it) as source 'import'; `length_m` is the
 * geodesic length on the spheroid (ST_Length over geography). One JSON parameter per call.
 */
export async function insertImportedRoads(db: Db, adcode: string, rows: readonly RoadInsertRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((r) => ({
      class: r.cls,
      name: r.name,
      oneway: r.oneway,
      highway: r.highway,
      osmId: r.osmId,
      geom: { type: 'LineString', coordinates: r.coords },
    })),
  );
  await db.rows(sql`INSERT INTO roads (adcode, class, name, oneway, source, osm_highway, osm_id, length_m, geom)
    SELECT ${adcode}, t.x->>'class', t.x->>'name', (t.x->>'oneway')::boolean, 'import', t.x->>'highway',
      (t.x->>'osmId')::bigint, ST_Length(l.g::geography), l.g
    FROM json_array_elements(${json}::json) WITH ORDINALITY AS t(x, n),
      LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(t.x->>'geom'), 4326) AS g) AS l
    ORDER BY t.n`);
}

export interface RoadImportRecord {
  adcode: string;
  source: string;
  format: string;
  waysRead: number;
  edges: number;
}

/** Records the import; its length is the written roads' total. Returns the row. */
export async function recordRoadImport(
  db: Db,
  r: RoadImportRecord,
): Promise<{ id: number; lengthKm: number; importedAt: string }> {
  return db.one(
    sql`INSERT INTO road_imports (adcode, source, format, synthetic, ways_read, edges, length_km)
      SELECT ${r.adcode}, ${r.source}, ${r.format}, false, ${r.waysRead}, ${r.edges},
        coalesce(sum(length_m), 0) / 1000 FROM roads WHERE adcode = ${r.adcode}
      RETURNING id, length_km AS "lengthKm", imported_at::text AS "importedAt"`,
    'road import record',
  );
}

/** Written roads of a county per class: edges and km (the database's geodesic lengths). */
export async function countyRoadTotals(
  db: Db,
  adcode: string,
): Promise<{ class: string; edges: number; km: number }[]> {
  return db.rows(
    sql`SELECT class, count(*)::int AS edges, (sum(length_m) / 1000)::float8 AS km
      FROM roads WHERE adcode = ${adcode} GROUP BY class ORDER BY class`,
  );
}
