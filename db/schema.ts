/**
 * The fireatlas domain model (DESIGN.md § Domain model), one schema for both engines
 * (PGlite + PostGIS and PostgreSQL + PostGIS). Geometry is EPSG:4326; every row carries
 * its county code (adcode) so the schema stays distributable by county.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { LineString, MultiPolygon, Point } from 'geojson';

/** A PostGIS geometry column in EPSG:4326, written from GeoJSON. Read it with ST_AsGeoJSON. */
function geometry<G extends Point | LineString | MultiPolygon>(kind: G['type']) {
  return customType<{ data: G; driverData: string }>({
    dataType: () => `geometry(${kind},4326)`,
    toDriver: (value) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), 4326)`,
  });
}
export const point = geometry<Point>('Point');
const line = geometry<LineString>('LineString');
const multiPolygon = geometry<MultiPolygon>('MultiPolygon');

export const unitKind = pgEnum('unit_kind', ['station', 'township_team', 'micro_station']);
export const unitStatus = pgEnum('unit_status', ['in_service', 'built', 'planned', 'closed']);
export const hydrantKind = pgEnum('hydrant_kind', ['municipal', 'site', 'water_crane', 'natural']);
export const hydrantStatus = pgEnum('hydrant_status', ['ok', 'faulty', 'out_of_service', 'planned']);
export const siteCategory = pgEnum('site_category', [
  'high_rise',
  'hazmat',
  'labour_intensive',
  'medical',
  'nine_small',
  'crowded',
  'other',
]);
export const hazardStatus = pgEnum('hazard_status', ['open', 'rectifying', 'rectified', 'verified', 'reopened']);
export const hazardSeverity = pgEnum('hazard_severity', ['general', 'major']);
export const hazardCategory = pgEnum('hazard_category', [
  'evacuation',
  'electrical',
  'fire_equipment',
  'fire_separation',
  'flammable_material',
  'illegal_accommodation',
  'other',
]);
/** Who found a hazard (the report counts the townships' 乡镇巡查 apart from the brigade's 大队检查). */
export const hazardSource = pgEnum('hazard_source', ['township_patrol', 'brigade_inspection', 'other']);
export const enforcementKind = pgEnum('enforcement_kind', ['fine', 'seal', 'three_stops', 'detention']);
export const roadSource = pgEnum('road_source', ['osm', 'synthetic', 'import']);

/** One row per dataset loaded (the demo county is one); says whether its assets are synthetic. */
export const datasets = pgTable('datasets', {
  adcode: text('adcode').primaryKey(),
  name: text('name').notNull(),
  synthetic: boolean('synthetic').notNull(),
  seed: integer('seed'),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  note: text('note').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const counties = pgTable(
  'counties',
  {
    adcode: text('adcode').primaryKey(),
    name: text('name').notNull(),
    /** The county the dataset is about (false for neighbours drawn for context). */
    focus: boolean('focus').notNull(),
    center: point('center').notNull(),
    geom: multiPolygon('geom').notNull(),
    source: text('source').notNull(),
  },
  (t) => [index('counties_geom_gist').using('gist', t.geom)],
);

export const townships = pgTable(
  'townships',
  {
    code: text('code').primaryKey(),
    adcode: text('adcode').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    seat: point('seat').notNull(),
    geom: multiPolygon('geom').notNull(),
    areaKm2: doublePrecision('area_km2').notNull(),
    /** True when the boundary is generated (no public township boundaries exist, SOURCES.md). */
    synthetic: boolean('synthetic').notNull(),
    /** Row version for optimistic concurrency: +1 on every UPDATE by a trigger (migration 0005), whoever writes. */
    version: integer('version').notNull().default(1),
  },
  (t) => [index('townships_geom_gist').using('gist', t.geom), index('townships_adcode').on(t.adcode)],
);

export const villages = pgTable(
  'villages',
  {
    code: text('code').primaryKey(),
    adcode: text('adcode').notNull(),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    geom: point('geom').notNull(),
    synthetic: boolean('synthetic').notNull(),
    /** Row version for optimistic concurrency: +1 on every UPDATE by a trigger (migration 0005), whoever writes. */
    version: integer('version').notNull().default(1),
  },
  (t) => [index('villages_geom_gist').using('gist', t.geom), index('villages_township').on(t.townshipCode)],
);

/** Road classes with their travel speeds — editable defaults (DOMAIN.md §3, "Speeds by road class"). */
export const roadClasses = pgTable('road_classes', {
  class: text('class').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  speedKmh: real('speed_kmh').notNull(),
  rank: smallint('rank').notNull(),
  source: text('source').notNull(),
});

export const roads = pgTable(
  'roads',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    class: text('class')
      .notNull()
      .references(() => roadClasses.class),
    name: text('name'),
    /** One-way in the direction the line is drawn. */
    oneway: boolean('oneway').notNull().default(false),
    source: roadSource('source').notNull(),
    osmHighway: text('osm_highway'),
    /** OpenStreetMap way id of an imported road (several edges can share one way). */
    osmId: bigint('osm_id', { mode: 'number' }),
    lengthM: doublePrecision('length_m').notNull(),
    geom: line('geom').notNull(),
  },
  (t) => [index('roads_geom_gist').using('gist', t.geom), index('roads_adcode').on(t.adcode)],
);

/** Each road network import (`npm run import:roads`): which file replaced a county's roads, and when. */
export const roadImports = pgTable('road_imports', {
  id: serial('id').primaryKey(),
  adcode: text('adcode').notNull(),
  /** The file name imported. */
  source: text('source').notNull(),
  format: text('format').notNull(),
  synthetic: boolean('synthetic').notNull().default(false),
  waysRead: integer('ways_read').notNull(),
  edges: integer('edges').notNull(),
  lengthKm: doublePrecision('length_km').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

export const parks = pgTable('parks', {
  id: serial('id').primaryKey(),
  adcode: text('adcode').notNull(),
  name: text('name'),
  geom: multiPolygon('geom').notNull(),
  source: text('source').notNull(),
});

export const pois = pgTable('pois', {
  id: serial('id').primaryKey(),
  adcode: text('adcode').notNull(),
  name: text('name'),
  category: text('category').notNull(),
  geom: point('geom').notNull(),
  source: text('source').notNull(),
});

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    townshipCode: text('township_code').references(() => townships.code),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: unitKind('kind').notNull(),
    /** Station grade (一级 / 二级 / 小型 / 特勤) or township team grade; null for micro stations. */
    grade: text('grade'),
    status: unitStatus('status').notNull(),
    staff: integer('staff').notNull(),
    vehicles: integer('vehicles').notNull(),
    equipment: jsonb('equipment').$type<string[]>().notNull(),
    /** Turnout time (出动时间) in seconds, from the order to wheels rolling. */
    turnoutS: integer('turnout_s').notNull(),
    address: text('address'),
    synthetic: boolean('synthetic').notNull(),
    /** Row version for optimistic concurrency: +1 on every UPDATE by a trigger (migration 0005), whoever writes. */
    version: integer('version').notNull().default(1),
    geom: point('geom').notNull(),
  },
  (t) => [index('units_geom_gist').using('gist', t.geom), index('units_township').on(t.townshipCode)],
);

export const hydrants = pgTable(
  'hydrants',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    townshipCode: text('township_code').references(() => townships.code),
    code: text('code').notNull().unique(),
    kind: hydrantKind('kind').notNull(),
    status: hydrantStatus('status').notNull(),
    flowLps: real('flow_lps'),
    pressureMpa: real('pressure_mpa'),
    installedOn: date('installed_on', { mode: 'string' }),
    lastInspectedOn: date('last_inspected_on', { mode: 'string' }),
    roadName: text('road_name'),
    synthetic: boolean('synthetic').notNull(),
    /** Row version for optimistic concurrency: +1 on every UPDATE by a trigger (migration 0005), whoever writes. */
    version: integer('version').notNull().default(1),
    geom: point('geom').notNull(),
  },
  (t) => [
    index('hydrants_geom_gist').using('gist', t.geom),
    // Metre distances on the ellipsoid stay index-backed (ST_DWithin(geom::geography, …)).
    index('hydrants_geog_gist').using('gist', sql`(${t.geom}::geography)`),
    index('hydrants_township').on(t.townshipCode),
  ],
);

export const sites = pgTable(
  'sites',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    category: siteCategory('category').notNull(),
    /** 1 = low … 4 = very high. */
    riskLevel: smallint('risk_level').notNull(),
    address: text('address'),
    floors: smallint('floors'),
    heightM: real('height_m'),
    synthetic: boolean('synthetic').notNull(),
    /** Row version for optimistic concurrency: +1 on every UPDATE by a trigger (migration 0005), whoever writes. */
    version: integer('version').notNull().default(1),
    geom: point('geom').notNull(),
  },
  (t) => [
    index('sites_geom_gist').using('gist', t.geom),
    index('sites_geog_gist').using('gist', sql`(${t.geom}::geography)`),
    index('sites_township').on(t.townshipCode),
    index('sites_category').on(t.category),
  ],
);

export const hazards = pgTable(
  'hazards',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    category: hazardCategory('category').notNull(),
    severity: hazardSeverity('severity').notNull(),
    status: hazardStatus('status').notNull(),
    description: text('description'),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    rectifiedOn: date('rectified_on', { mode: 'string' }),
    verifiedOn: date('verified_on', { mode: 'string' }),
    /** The verified hazard this one rebounds from (反弹), same site and category. */
    predecessorId: integer('predecessor_id'),
    source: hazardSource('source').notNull().default('other'),
    synthetic: boolean('synthetic').notNull(),
  },
  (t) => [
    index('hazards_site').on(t.siteId),
    index('hazards_township_found').on(t.townshipCode, t.foundOn),
    index('hazards_status').on(t.status),
    index('hazards_predecessor').on(t.predecessorId),
  ],
);

/** Every lifecycle step of a hazard (检查→整改→复查), kept as history. */
export const hazardTransitions = pgTable(
  'hazard_transitions',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    hazardId: integer('hazard_id')
      .notNull()
      .references(() => hazards.id),
    fromStatus: hazardStatus('from_status'),
    toStatus: hazardStatus('to_status').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    note: text('note'),
  },
  (t) => [index('hazard_transitions_hazard').on(t.hazardId)],
);

export const enforcementActions = pgTable(
  'enforcement_actions',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    kind: enforcementKind('kind').notNull(),
    /** Fine in yuan (kind = fine), else null. */
    fineYuan: integer('fine_yuan'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    note: text('note'),
    synthetic: boolean('synthetic').notNull(),
  },
  (t) => [index('enforcement_township_date').on(t.townshipCode, t.decidedOn)],
);

/** Named what-if changes (unit status overrides, hypothetical units and hydrants); never touch the baseline. */
export const scenarios = pgTable('scenarios', {
  id: serial('id').primaryKey(),
  adcode: text('adcode').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  changes: jsonb('changes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
