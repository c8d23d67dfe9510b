/**
 * Files of features: GeoJSON, KML (奥维互动地图, Google Earth) and KMZ through @tmcw/togeojson,
 * zipped Shapefiles through shpjs (it applies the .prj — the points arrive in WGS84 degrees — and
 * reads the .dbf in the .cpg's encoding). Properties become the row's cells; the point its point.
 */

import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import shp from 'shpjs';
import type { XY } from '../geo/crs/systems';
import { badFile } from './file-error';
import type { ImportFormat, SourceRow, SourceTable } from './source';

type Placeable = { point?: XY; notPoint?: string; shape?: XY[][][] };

const ringsOf = (rings: number[][][]): XY[][] => rings.map((r) => r.map((p) => [Number(p[0]), Number(p[1])] as XY));

function pointOf(geometry: Geometry | null): Placeable {
  if (!geometry) return { notPoint: 'none' };
  if (geometry.type === 'Point') return { point: [Number(geometry.coordinates[0]), Number(geometry.coordinates[1])] };
  if (geometry.type === 'MultiPoint' && geometry.coordinates.length === 1) {
    const [x, y] = geometry.coordinates[0] ?? [];
    return { point: [Number(x), Number(y)] };
  }
  if (geometry.type === 'Polygon') return { notPoint: 'Polygon', shape: [ringsOf(geometry.coordinates)] };
  if (geometry.type === 'MultiPolygon') return { notPoint: 'MultiPolygon', shape: geometry.coordinates.map(ringsOf) };
  if (geometry.type === 'GeometryCollection') {
    const p = geometry.geometries.find((g) => g.type === 'Point');
    if (p) return pointOf(p);
    const polygons = geometry.geometries.map(pointOf).flatMap((g) => g.shape ?? []);
    if (polygons.length > 0) return { notPoint: 'MultiPolygon', shape: polygons };
  }
  return { notPoint: geometry.type };
}

function cellOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).trim();
}

export function tableFromFeatures(
  features: readonly Feature[],
  format: ImportFormat,
  declaredCrs: string | null,
): SourceTable {
  if (features.length === 0) throw badFile('文件中没有要素', 'the file holds no features');
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows: SourceRow[] = features.map((f, i) => {
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (k === 'styleUrl' || k.startsWith('fill') || k.startsWith('stroke') || k.startsWith('icon')) continue;
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
      cells[k] = cellOf(v);
    }
    return { row: i + 1, cells, ...pointOf(f.geometry) };
  });
  return { format, encoding: null, columns, rows, declaredCrs };
}

export function readGeoJson(text: string): SourceTable {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badFile('GeoJSON 不是有效的 JSON', `the GeoJSON is not valid JSON: ${(e as Error).message}`);
  }
  const o = (json ?? {}) as { type?: string; features?: Feature[]; crs?: { properties?: { name?: string } } };
  const features =
    o.type === 'FeatureCollection' && Array.isArray(o.features)
      ? o.features
      : o.type === 'Feature'
        ? [o as unknown as Feature]
        : null;
  if (!features)
    throw badFile('GeoJSON 须为 FeatureCollection 或 Feature', 'GeoJSON must be a FeatureCollection or a Feature');
  const crsName = o.crs?.properties?.name ?? null;
  const declared = crsName ? (/EPSG:{1,2}(\d+)/i.exec(crsName)?.[1] ?? null) : null;
  return tableFromFeatures(features, 'geojson', declared ? `epsg:${declared}` : null);
}

export function readKml(text: string, format: 'kml' | 'kmz' = 'kml'): SourceTable {
  let collection: FeatureCollection;
  try {
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    collection = kml(doc as unknown as Document) as FeatureCollection;
  } catch (e) {
    throw badFile('无法读取 KML', `cannot read the KML: ${(e as Error).message}`);
  }
  return tableFromFeatures(collection.features, format, 'wgs84 (KML)');
}

export function readKmz(entries: Record<string, Uint8Array>): SourceTable {
  const name = Object.keys(entries).find((n) => /\.kml$/i.test(n));
  if (!name) throw badFile('KMZ 中没有 .kml 文件', 'the KMZ holds no .kml file');
  return readKml(new TextDecoder().decode(entries[name]), 'kmz');
}

export async function readShapefileZip(bytes: Uint8Array, names: readonly string[]): Promise<SourceTable> {
  let result: FeatureCollection | FeatureCollection[];
  try {
    result = await shp(bytes);
  } catch (e) {
    throw badFile(
      '无法读取 Shapefile（须为含 .shp .dbf 的 zip）',
      `cannot read the Shapefile (a zip with .shp and .dbf): ${(e as Error).message}`,
    );
  }
  const collections = Array.isArray(result) ? result : [result];
  const hasPrj = names.some((n) => /\.prj$/i.test(n));
  return tableFromFeatures(
    collections.flatMap((c) => c.features),
    'shapefile',
    hasPrj ? 'wgs84 (.prj applied)' : null,
  );
}

export const unzip = (bytes: Uint8Array) => unzipSync(bytes);
