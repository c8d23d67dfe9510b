/**
 * Read queries for the map layers. Each answer is built as one GeoJSON FeatureCollection
 * in SQL (ST_AsGeoJSON over the row), so both engines return identical JSON.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { FeatureCollection } from 'geojson';
import type { Db } from '../client';
import type { VersionedTable } from './data-version';

export const layerNames = [
  'counties',
  'townships',
  'villages',
  'roads',
  'parks',
  'pois',
  'units',
  'hydrants',
  'sites',
  'hazards',
] as const;
export type LayerName = (typeof layerNames)[number];

export interface LayerFilters {
  township?: string;
  kind?: string;
  status?: string;
  category?: string;
  bbox?: [number, number, number, number];
  limit?: number;
}

interface LayerSpec {
  /** The tables the answer reads (its cache follows their versions, server/services/layers.ts). */
  tables: readonly VersionedTable[];
  /** FROM clause with the main table aliased `t`. */
  from: SQL;
  /** Selected properties (camelCase aliases), without geometry. */
  properties: SQL;
  geom: SQL;
  /** The column that identifies one item (`id` in the answer). */
  id: SQL;
  /** How a township filter applies: the column holding the township code, or a spatial test. */
  township?: SQL | 'spatial';
  kind?: SQL;
  status?: SQL;
  category?: SQL;
}

const specs: Record<LayerName, LayerSpec> = {
  counties: {
    tables: ['counties'],
    from: sql`counties t`,
    properties: sql`t.adcode AS id, t.adcode, t.name, t.focus, t.source`,
    geom: sql`t.geom`,
    id: sql`t.adcode`,
  },
  townships: {
    tables: ['townships'],
    from: sql`townships t`,
    properties: sql`t.code AS id, t.code, t.adcode, t.name, t.kind, t.area_km2 AS "areaKm2",
      ARRAY[ST_X(t.seat), ST_Y(t.seat)] AS seat, t.synthetic, t.version`,
    geom: sql`t.geom`,
    id: sql`t.code`,
    township: sql`t.code`,
  },
  villages: {
    tables: ['villages'],
    from: sql`villages t`,
    properties: sql`t.code AS id, t.code, t.name, t.short_name AS "shortName", t.township_code AS "townshipCode", t.synthetic`,
    geom: sql`t.geom`,
    id: sql`t.code`,
    township: sql`t.township_code`,
  },
  roads: {
    tables: ['roads', 'road_classes', 'townships'],
    from: sql`roads t JOIN road_classes rc ON rc.class = t.class`,
    properties: sql`t.id, t.class, t.name, t.oneway, rc.speed_kmh AS "speedKmh", t.length_m AS "lengthM",
      t.source, t.osm_highway AS "osmHighway", (t.source = 'synthetic') AS synthetic`,
    geom: sql`t.geom`,
    id: sql`t.id`,
    township: 'spatial',
    kind: sql`t.class`,
  },
  parks: {
    tables: ['parks', 'townships'],
    from: sql`parks t`,
    properties: sql`t.id, t.name, t.source`,
    geom: sql`t.geom`,
    id: sql`t.id`,
    township: 'spatial',
  },
  pois: {
    tables: ['pois', 'townships'],
    from: sql`pois t`,
    properties: sql`t.id, t.name, t.category, t.source`,
    geom: sql`t.geom`,
    id: sql`t.id`,
    township: 'spatial',
    category: sql`t.category`,
  },
  units: {
    tables: ['units'],
    from: sql`units t`,
    properties: sql`t.id, t.code, t.name, t.kind, t.grade, t.status, t.staff, t.vehicles, t.equipment,
      t.turnout_s AS "turnoutS", t.address, t.township_code AS "townshipCode", t.synthetic, t.version`,
    geom: sql`t.geom`,
    id: sql`t.id`,
    township: sql`t.township_code`,
    kind: sql`t.kind::text`,
    status: sql`t.status::text`,
  },
  hydrants: {
    tables: ['hydrants'],
    from: sql`hydrants t`,
    properties: sql`t.id, t.code, t.kind, t.status, t.flow_lps AS "flowLps", t.pressure_mpa AS "pressureMpa",
      t.installed_on AS "installedOn", t.last_inspected_on AS "lastInspectedOn", t.road_name AS "roadName",
      t.township_code AS "townshipCode", t.synthetic, t.version`,
    geom: sql`t.geom`,
    id: sql`t.id`,
    township: sql`t.township_code`,
    kind: sql`t.kind::text`,
    status: sql`t.status::text`,
  },
  sites: {
    tables: ['sites', 'hazards'],
    // One grouped pass over hazards instead of a subquery per site (~1 s → a fraction on PGlite).
    from: sql`sites t LEFT JOIN (SELECT site_id, count(*)::int AS n FROM hazards
      WHERE status IN ('open', 'rectifying', 'reopened') GROUP BY site_id) oh ON oh.site_id = t.id`,
    properties: sql`t.id, t.code, t.name, t.category, t.risk_level AS "riskLevel", t.address, t.floors,
      t.height_m AS "heightM", t.township_code AS "townshipCode", t.synthetic, coalesce(oh.n, 0) AS "openHazards",
      t.version`,
    geom: sql`t.geom`,
    id: sql`t.id`,
    township: sql`t.township_code`,
    category: sql`t.category::text`,
  },
  hazards: {
    tables: ['hazards', 'sites'],
    from: sql`hazards t JOIN sites s ON s.id = t.site_id`,
    properties: sql`t.id, t.site_id AS "siteId", s.name AS "siteName", t.category, t.severity, t.status,
      t.found_on AS "foundOn", t.deadline, t.rectified_on AS "rectifiedOn", t.verified_on AS "verifiedOn",
      t.predecessor_id AS "predecessorId", t.township_code AS "townshipCode", t.synthetic`,
    geom: sql`s.geom`,
    id: sql`t.id`,
    township: sql`t.township_code`,
    status: sql`t.status::text`,
    category: sql`t.category::text`,
  },
};

function conditions(spec: LayerSpec, f: LayerFilters): SQL[] {
  const where: SQL[] = [];
  if (f.township !== undefined) {
    where.push(
      spec.township === 'spatial'
        ? sql`ST_Intersects(${spec.geom}, (SELECT geom FROM townships WHERE code = ${f.township}))`
        : sql`${spec.township} = ${f.township}`,
    );
  }
  if (f.kind !== undefined && spec.kind) where.push(sql`${spec.kind} = ${f.kind}`);
  if (f.status !== undefined && spec.status) where.push(sql`${spec.status} = ${f.status}`);
  if (f.category !== undefined && spec.category) where.push(sql`${spec.category} = ${f.category}`);
  if (f.bbox) {
    const [w, s, e, n] = f.bbox;
    // ST_Intersects, not bare `&&`: the index boxes are float4, so `&&` alone lets in points
    // up to ~1e-5° outside the box (seen on site 2374 at 113.589996 for a 113.59 edge).
    where.push(sql`ST_Intersects(${spec.geom}, ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326))`);
  }
  return where;
}

function featureCollectionSql(spec: LayerSpec, where: SQL[], limit?: number): SQL {
  const whereSql = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const limitSql = limit !== undefined ? sql`LIMIT ${limit}` : sql``;
  return sql`
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce(json_agg(ST_AsGeoJSON(f.*, 'geom', 6)::json ORDER BY f.id), '[]'::json)
    ) AS fc
    FROM (SELECT ${spec.properties}, ${spec.geom} AS geom FROM ${spec.from} ${whereSql}
          ORDER BY ${spec.id} ${limitSql}) f`;
}

export function layerTables(name: LayerName): readonly VersionedTable[] {
  return specs[name].tables;
}

export async function layerFeatures(db: Db, name: LayerName, filters: LayerFilters): Promise<FeatureCollection> {
  const spec = specs[name];
  const row = await db.one<{ fc: FeatureCollection }>(
    featureCollectionSql(spec, conditions(spec, filters), filters.limit),
    `${name} features`,
  );
  return row.fc;
}

/** One feature by its id (code for counties, townships and villages), or null. */
export async function layerFeature(db: Db, name: LayerName, id: string | number) {
  const spec = specs[name];
  const fc = await db.one<{ fc: FeatureCollection }>(
    featureCollectionSql(spec, [sql`${spec.id} = ${id}`]),
    `${name} item`,
  );
  return fc.fc.features[0] ?? null;
}

export async function townshipExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.rows<{ one: number }>(sql`SELECT 1 AS one FROM townships WHERE code = ${code}`);
  return rows.length > 0;
}
