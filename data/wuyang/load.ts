/**
 * Reads the real public files of the demo county (this folder, provenance in SOURCES.md) into
 * typed values. This is the only Wuyang-specific adapter: the generator in data/synthetic
 * works on `RealCountyData` alone.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';

export interface RealDistrict {
  adcode: string;
  name: string;
  /** DataV `center` (the seat of the district government), converted to WGS84. */
  center: Position;
  geom: MultiPolygon;
}

export interface RealTownship {
  /** 9-digit NBS township code. */
  code: string;
  name: string;
  kind: '镇' | '乡';
  villageCount: number;
}

export interface RealVillage {
  /** 12-digit NBS village code. */
  code: string;
  name: string;
  shortName: string;
  townshipCode: string;
}

export interface RealRoad {
  /** The OSM `highway` tag. */
  highway: string;
  name: string | null;
  geom: LineString;
}

export interface RealPoi {
  name: string | null;
  category: string;
  source: string;
  geom: Point;
}

export interface RealCountyData {
  adcode: string;
  name: string;
  boundary: MultiPolygon;
  /** The county-government seat (DataV `center`, WGS84). */
  seat: Position;
  /** Township holding the county seat (its synthetic seat is `seat`). */
  seatTownshipCode: string;
  /** Every county-level unit of the prefecture, the focus county included. */
  districts: RealDistrict[];
  townships: RealTownship[];
  villages: RealVillage[];
  roads: RealRoad[];
  pois: RealPoi[];
  parks: Polygon[];
  /** The box the OSM extract was fetched for: complete inside, only crossing ways outside. */
  osmExtract: { center: Position; halfSizeM: number };
  /** Citations written into `source` columns. */
  sources: { boundaries: string; osm: string };
}

const here = new URL('.', import.meta.url);

function readText(name: string): string {
  return readFileSync(new URL(name, here), 'utf8');
}

function readGeoJson<G extends Point | LineString | Polygon | MultiPolygon>(
  name: string,
): FeatureCollection<G, Record<string, unknown>> {
  return JSON.parse(readText(name)) as FeatureCollection<G, Record<string, unknown>>;
}

/** The files have no quoted fields (checked when copied); CRLF line ends. */
function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readText(name)
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const keys = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

function asPosition(value: unknown, what: string): Position {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number')) {
    throw new Error(`${what}: expected [lon, lat], got ${JSON.stringify(value)}`);
  }
  return value as Position;
}

function toDistrict(f: Feature<MultiPolygon, Record<string, unknown>>): RealDistrict {
  const name = String(f.properties.name);
  return {
    adcode: String(f.properties.adcode),
    name,
    center: asPosition(f.properties.center, `${name} center`),
    geom: f.geometry,
  };
}

export function loadRealCountyData(): RealCountyData {
  const county = readGeoJson<MultiPolygon>('county-boundary.wgs84.geojson').features[0];
  if (!county) throw new Error('county-boundary.wgs84.geojson has no feature');
  const focus = toDistrict(county);
  const districts = readGeoJson<MultiPolygon>('luohe-districts.wgs84.geojson').features.map(toDistrict);

  const townships = readCsv('townships.csv').map((r): RealTownship => {
    if (r.kind !== '镇' && r.kind !== '乡') throw new Error(`townships.csv: bad kind ${r.kind}`);
    return {
      code: String(r.town_code_9),
      name: String(r.name),
      kind: r.kind,
      villageCount: Number(r.village_count_2021),
    };
  });
  const villages = readCsv('villages.csv').map(
    (r): RealVillage => ({
      code: String(r.village_code),
      name: String(r.village_name),
      shortName: String(r.short_name),
      townshipCode: String(r.town_code_9),
    }),
  );

  const roads = readGeoJson<LineString>('county-seat-roads.wgs84.geojson').features.map(
    (f): RealRoad => ({
      highway: String(f.properties.highway),
      name: typeof f.properties.name === 'string' ? f.properties.name : null,
      geom: f.geometry,
    }),
  );
  const pois = readGeoJson<Point>('county-seat-pois.wgs84.geojson').features.map(
    (f): RealPoi => ({
      name: typeof f.properties.name === 'string' ? f.properties.name : null,
      category: String(f.properties.category),
      source: String(f.properties.source),
      geom: f.geometry,
    }),
  );
  const parks = readGeoJson<Polygon>('county-seat-parks.wgs84.geojson').features.map((f) => f.geometry);

  // 舞泉镇 holds the county seat: the 2020 NBS vintage listed its town-street committees (SOURCES.md).
  const seatTownship = townships.find((t) => t.name === '舞泉镇');
  if (!seatTownship) throw new Error('townships.csv: 舞泉镇 missing');

  return {
    adcode: focus.adcode,
    name: focus.name,
    boundary: focus.geom,
    seat: focus.center,
    seatTownshipCode: seatTownship.code,
    districts,
    townships,
    villages,
    roads,
    pois,
    parks,
    // ±2.2 km box around the walkability study's centre point (SOURCES.md, "Coverage").
    osmExtract: { center: [113.607068, 33.436949], halfSizeM: 2200 },
    sources: {
      boundaries:
        'DataV GeoAtlas via anzhou99/GeoJsons 411100_full.json (GCJ-02, converted to WGS84); data/wuyang/SOURCES.md',
      osm: 'OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0) via Wadesha/county-walkability; data/wuyang/SOURCES.md',
    },
  };
}
