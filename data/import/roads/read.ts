/**
 * Reads a road file into ways: GeoJSON directly; OpenStreetMap `.osm.pbf` / `.osm` (XML) through
 * Debian's `osmium-tool` (`osmium tags-filter` to the ways tagged highway, then `osmium export`
 * to GeoJSON lines). No database here.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { Position } from 'geojson';
import { RoadImportError } from './errors';

const run = promisify(execFile);
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
export function wayOfFeature(f: FeatureLike): RawWay | null {
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

/** Runs osmium; a missing binary or a failing run becomes a RoadImportError. */
async function osmium(args: string[], file: string): Promise<string> {
  try {
    const { stdout } = await run('osmium', args, { maxBuffer: 2 ** 31 - 1, encoding: 'utf8' });
    return stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new RoadImportError(
        '未找到 osmium 命令：读取 .osm.pbf / .osm 需要 Debian 软件包 osmium-tool（apt-get install osmium-tool）',
        'osmium not found: reading .osm.pbf / .osm needs the Debian package osmium-tool (apt-get install osmium-tool)',
      );
    }
    const detail = (err.stderr ?? err.message).trim().split('\n').slice(-3).join(' ');
    throw new RoadImportError(
      `osmium 无法读取 ${basename(file)}：${detail}`,
      `osmium cannot read ${basename(file)}: ${detail}`,
    );
  }
}

export async function readOsm(file: string, format: 'pbf' | 'osm-xml'): Promise<ReadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fireatlas-roads-'));
  try {
    // Only ways tagged highway (and their nodes): a whole-province extract shrinks to its roads.
    const filtered = join(dir, 'highways.osm.pbf');
    await osmium(['tags-filter', '--overwrite', '-o', filtered, file, 'w/highway'], file);
    const text = await osmium(
      [
        'export',
        filtered,
        '-f',
        'geojsonseq',
        '--geometry-types=linestring',
        '--add-unique-id=type_id',
        '-x',
        'print_record_separator=false',
        '-o',
        '-',
      ],
      file,
    );
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function readRoadFile(file: string): Promise<ReadResult> {
  const format = detectFormat(file);
  let text: string | null = null;
  try {
    if (format === 'geojson') text = readFileSync(file, 'utf8');
    else accessSync(file, constants.R_OK);
  } catch (e) {
    throw new RoadImportError(
      `无法读取文件 ${file}：${(e as Error).message}`,
      `cannot read file ${file}: ${(e as Error).message}`,
    );
  }
  return text !== null ? parseGeoJson(text, file) : readOsm(file, format as 'pbf' | 'osm-xml');
}
