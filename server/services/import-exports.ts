/**
 * Every import layer back out (issue 12 §4) as xlsx / CSV / GeoJSON / KML, coordinates in any
 * supported system (`crs=`, so a brigade can put points into a GCJ-02 web map or 奥维). The
 * columns are the import's own — Chinese headers, coded values as the label table's words — so
 * an exported file, edited, imports again unchanged.
 */
import type { Db } from '../../db/client';
import { layerExportRows } from '../../db/queries/imports';
import type { Cell, ExportColumn } from '../export/columns';
import { tableCsv } from '../export/csv';
import { pointsKml } from '../export/kml';
import { tableXlsx } from '../export/xlsx';
import { fromWgs84 } from '../geo/crs/convert';
import type { CrsId } from '../geo/crs/systems';
import type { ImportField, ImportLayer } from '../import/layers/types';

export type ExportFormat = 'xlsx' | 'csv' | 'geojson' | 'kml';

type Row = Record<string, Cell>;

/** An enum's stored value as the word a brigade writes (the label table's, which the import reads back). */
export function cellOf(field: ImportField, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (field.type === 'enum') return field.values?.[String(value)]?.[1] ?? String(value);
  if (field.type === 'list') return Array.isArray(value) ? value.join('、') : String(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/** Degrees to 7 decimals (1 cm), metres to 3 (1 mm). */
function roundedPoint(p: [number, number]): [number, number] {
  const digits = Math.abs(p[0]) > 1000 ? 3 : 7;
  return [Number(p[0].toFixed(digits)), Number(p[1].toFixed(digits))];
}

export async function layerExport(
  db: Db,
  layer: ImportLayer,
  /** `county`: only that county's rows (a checked adcode); every county's when absent, as the layers. */
  options: { format: ExportFormat; crs: CrsId; township?: string | undefined; county?: string | undefined },
): Promise<{ body: string | Uint8Array<ArrayBuffer>; type: string; ext: string }> {
  const geom = layer.geometry === 'point';
  const raw = await layerExportRows(db, layer.table, {
    geom,
    siteRef: layer.siteRef !== undefined,
    township: options.township,
    county: options.county,
    key: layer.rowKey ?? 'id',
  });
  const headers = [...layer.fields.map((f) => f.zh), ...(geom ? ['经度', '纬度'] : [])];
  const rows: { row: Row; point: [number, number] | null }[] = raw.map(({ r, lon, lat }) => {
    const row: Row = {};
    for (const f of layer.fields) row[f.zh] = cellOf(f, r[f.column]);
    const point = lon === null || lat === null ? null : roundedPoint(fromWgs84(options.crs, [lon, lat]));
    if (point) [row.经度, row.纬度] = point;
    return { row, point };
  });
  const columns: ExportColumn<Row>[] = headers.map((h) => [h, (r: Row) => r[h] ?? null] as const);
  const name = `${layer.id}-${options.crs.replace(':', '')}`;
  switch (options.format) {
    case 'csv':
      return {
        body: tableCsv(
          columns,
          rows.map((r) => r.row),
        ),
        type: 'text/csv; charset=utf-8',
        ext: `${name}.csv`,
      };
    case 'xlsx':
      return {
        body: new Uint8Array(
          await tableXlsx(
            columns,
            rows.map((r) => r.row),
            layer.zh,
          ),
        ),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ext: `${name}.xlsx`,
      };
    case 'geojson': {
      const features = rows.map(({ row, point }) => ({
        type: 'Feature' as const,
        geometry: point ? { type: 'Point' as const, coordinates: point } : null,
        properties: row,
      }));
      const collection = { type: 'FeatureCollection', crs_note: `coordinates in ${options.crs}`, features };
      return { body: JSON.stringify(collection), type: 'application/geo+json; charset=utf-8', ext: `${name}.geojson` };
    }
    case 'kml': {
      const points = rows.flatMap(({ row, point }) =>
        point
          ? [{ name: String(row.名称 ?? row.编号 ?? ''), x: point[0], y: point[1], data: Object.entries(row) }]
          : [],
      );
      return {
        body: pointsKml(`${layer.zh} (${options.crs})`, points),
        type: 'application/vnd.google-earth.kml+xml; charset=utf-8',
        ext: `${name}.kml`,
      };
    }
  }
}
