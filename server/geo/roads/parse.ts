/**
 * Road files as ways, pure: the format from the file name, a GeoJSON FeatureCollection, or the
 * GeoJSON text sequence osmium exports. Reading the file and running osmium is I/O, in
 * server/services/road-file-read.ts.
 */
import { basename } from 'node:path';
import type { Position } from 'geojson';
import { RoadImportError } from './errors';

/** The record separator osmium may put before each GeoJSON text sequence record (RFC 8142). */
const RS = String.fromCharCode(0x1e);

export type RoadFileFormat = 'pbf' | 'osm-xml' | 'geojson';

export interface RawWay {
  /** OSM way id when the input carries one (osmium's "w123", "way/123", a number). */
  osmId: number | null;
  /** One or more parts (a MultiLineString has several). */
  parts: Position[][];
  props: Record<string, unknown>;
}

export interface ReadResult {
  format: RoadFileFormat;
  ways: RawWay[];
  /** Features that are not lines (points, polygons) — ignored. */
  notLines: number;
}

export function detectFormat(file: string): RoadFileFormat {
  const name = basename(file).toLowerCase();
  if (name.endsWith('.osm.pbf') || name.endsWith('.pbf')) return 'pbf';
  if (name.endsWith('.osm') || name.endsWith('.osm.xml')) return 'osm-xml';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  throw new RoadImportError(
    `不支持的文件类型：${basename(file)}（支持 .osm.pbf、.osm、.geojson）`,
    `unsupported file type: ${basename(file)} (use .osm.pbf, .osm or .geojson)`,
  );
}

/** "w123", "way/123", 123, "123" → 123; node or relation ids and anything else → null. */
export function osmWayId(id: unknown): number | null {
  if (typeof id === 'number') return Number.isSafeInteger(id) ? id : null;
  if (typeof id !== 'string') return null;
  const m = /^(?:w|way\/)?(\d{1,15})$/.exec(id.trim());
  return m ? Number(m[1]) : null;
}

interface FeatureLike {
  type?: unknown;
  id?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

function isPosition(p: unknown): p is Position {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1]) &&
    Math.abs(p[0]) <= 180 &&
    Math.abs(p[1]) <= 90
  );
}

function isLine(c: unknown): c is Position[] {
  return Array.isArray(c) && c.every(isPosition);
}

/** A GeoJSON feature → a way, or null when it is not a (valid) line. */
function wayOfFeature(f: FeatureLike): RawWay | null {
  const g = f.geometry;
  if (!g) return null;
  let parts: Position[][];
  if (g.type === 'LineString' && isLine(g.coordinates)) parts = [g.coordinates];
  else if (g.type === 'MultiLineString' && Array.isArray(g.coordinates) && g.coordinates.every(isLine)) {
    parts = g.coordinates as Position[][];
  } else return null;
  const props = f.properties ?? {};
  const osmId = osmWayId(f.id) ?? osmWayId(props['@id']) ?? osmWayId(props.osm_id) ?? osmWayId(props.id);
  return { osmId, parts: parts.map((p) => p.map((q) => [q[0] as number, q[1] as number])), props };
}

export function parseGeoJson(text: string, file: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RoadImportError(
      `无法解析 GeoJSON 文件 ${basename(file)}：${(e as Error).message}`,
      `cannot parse GeoJSON file ${basename(file)}: ${(e as Error).message}`,
    );
  }
  const features = (doc as { type?: unknown; features?: unknown }).features;
  if ((doc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new RoadImportError(
      `${basename(file)} 不是 GeoJSON FeatureCollection`,
      `${basename(file)} is not a GeoJSON FeatureCollection`,
    );
  }
  const ways: RawWay[] = [];
  let notLines = 0;
  for (const f of features as FeatureLike[]) {
    const way = f && typeof f === 'object' ? wayOfFeature(f) : null;
    if (way) ways.push(way);
    else notLines++;
  }
  return { format: 'geojson', ways, notLines };
}

/** osmium's `export -f geojsonseq` output (one feature per line, optional RS) → ways. */
export function parseGeojsonSeq(text: string, format: 'pbf' | 'osm-xml'): ReadResult {
  const ways: RawWay[] = [];
  let notLines = 0;
  for (const line of text.split('\n')) {
    const trimmed = (line.startsWith(RS) ? line.slice(1) : line).trim();
    if (trimmed === '') continue;
    const way = wayOfFeature(JSON.parse(trimmed) as FeatureLike);
    if (way) ways.push(way);
    else notLines++;
  }
  return { format, ways, notLines };
}
