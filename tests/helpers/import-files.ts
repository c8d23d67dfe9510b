/** Files for the import tests, made in the test from rows: CSV (UTF-8 / GBK), xlsx, GeoJSON, KML, KMZ, zipped Shapefile. */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';

export type Grid = (string | number)[][];

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function csvUtf8(grid: Grid, bom = true): Uint8Array {
  const text = grid.map((r) => r.map(csvCell).join(',')).join('\r\n');
  return strToU8(`${bom ? '\uFEFF' : ''}${text}\r\n`);
}

export function csvGbk(grid: Grid): Uint8Array {
  return new Uint8Array(iconv.encode(`${grid.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'gbk'));
}

export async function xlsx(grid: Grid, title?: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  if (title) sheet.addRow([title]);
  for (const r of grid) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export interface PointRow {
  x: number;
  y: number;
  properties: Record<string, string | number>;
}

export function geojson(rows: readonly PointRow[]): Uint8Array {
  return strToU8(
    JSON.stringify({
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature',
        properties: r.properties,
        geometry: { type: 'Point', coordinates: [r.x, r.y] },
      })),
    }),
  );
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function kml(rows: readonly PointRow[]): Uint8Array {
  const marks = rows.map((r) => {
    const data = Object.entries(r.properties)
      .map(([k, v]) => `<Data name="${xml(k)}"><value>${xml(String(v))}</value></Data>`)
      .join('');
    return `<Placemark><name>${xml(String(r.properties.编号 ?? ''))}</name><ExtendedData>${data}</ExtendedData><Point><coordinates>${r.x},${r.y},0</coordinates></Point></Placemark>`;
  });
  return strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${marks.join('')}</Document></kml>`,
  );
}

export const kmz = (rows: readonly PointRow[]) => zipSync({ 'doc.kml': kml(rows) });

/** A point Shapefile (.shp .shx .dbf, text fields in `encoding`, declared by a .cpg) with an optional .prj, zipped. */
export function shapefileZip(
  rows: readonly PointRow[],
  options: { prj?: string; encoding?: 'utf-8' | 'gbk' } = {},
): Uint8Array {
  const encoding = options.encoding ?? 'utf-8';
  const n = rows.length;
  const xs = rows.map((r) => r.x);
  const ys = rows.map((r) => r.y);
  const header = (lengthBytes: number) => {
    const b = Buffer.alloc(100);
    b.writeInt32BE(9994, 0);
    b.writeInt32BE(lengthBytes / 2, 24);
    b.writeInt32LE(1000, 28);
    b.writeInt32LE(1, 32);
    b.writeDoubleLE(Math.min(...xs), 36);
    b.writeDoubleLE(Math.min(...ys), 44);
    b.writeDoubleLE(Math.max(...xs), 52);
    b.writeDoubleLE(Math.max(...ys), 60);
    return b;
  };
  const shp = Buffer.concat([
    header(100 + n * 28),
    ...rows.map((r, i) => {
      const b = Buffer.alloc(28);
      b.writeInt32BE(i + 1, 0);
      b.writeInt32BE(10, 4);
      b.writeInt32LE(1, 8);
      b.writeDoubleLE(r.x, 12);
      b.writeDoubleLE(r.y, 20);
      return b;
    }),
  ]);
  const shx = Buffer.concat([
    header(100 + n * 8),
    ...rows.map((_, i) => {
      const b = Buffer.alloc(8);
      b.writeInt32BE((100 + i * 28) / 2, 0);
      b.writeInt32BE(10, 4);
      return b;
    }),
  ]);
  const fields = Object.keys(rows[0]?.properties ?? {});
  const enc = (s: string) => iconv.encode(s, encoding);
  const width = 80;
  const dbfHeader = Buffer.alloc(32 + 32 * fields.length + 1);
  dbfHeader.writeUInt8(3, 0);
  dbfHeader.writeUInt32LE(n, 4);
  dbfHeader.writeUInt16LE(32 + 32 * fields.length + 1, 8);
  dbfHeader.writeUInt16LE(1 + width * fields.length, 10);
  fields.forEach((f, i) => {
    const name = enc(f).subarray(0, 10);
    name.copy(dbfHeader, 32 + 32 * i);
    dbfHeader.write('C', 32 + 32 * i + 11, 'latin1');
    dbfHeader.writeUInt8(width, 32 + 32 * i + 16);
  });
  dbfHeader.writeUInt8(0x0d, 32 + 32 * fields.length);
  const records = rows.map((r) => {
    const b = Buffer.alloc(1 + width * fields.length, 0x20);
    fields.forEach((f, i) => {
      enc(String(r.properties[f] ?? ''))
        .subarray(0, width)
        .copy(b, 1 + width * i);
    });
    return b;
  });
  const dbf = Buffer.concat([dbfHeader, ...records, Buffer.from([0x1a])]);
  const files: Record<string, Uint8Array> = {
    'points.shp': shp,
    'points.shx': shx,
    'points.dbf': dbf,
    'points.cpg': strToU8(encoding === 'gbk' ? 'GBK' : 'UTF-8'),
  };
  if (options.prj) files['points.prj'] = strToU8(options.prj);
  return zipSync(files);
}

/** multipart body of one upload. */
export function uploadForm(name: string, bytes: Uint8Array, mapping?: Record<string, string | null>): FormData {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name));
  if (mapping) form.set('mapping', JSON.stringify(mapping));
  return form;
}

/** Features of any geometry as a GeoJSON file (boundaries, townships, villages, roads). */
export function featureFile(features: readonly { properties: Record<string, unknown>; geometry: unknown }[]) {
  return strToU8(
    JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }),
  );
}

/** A rectangle [lon0, lat0] – [lon1, lat1]. */
export const box = (lon0: number, lat0: number, lon1: number, lat1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon0, lat0],
      [lon1, lat0],
      [lon1, lat1],
      [lon0, lat1],
      [lon0, lat0],
    ],
  ],
});

/** OSM-like ways (highway, name) as a GeoJSON road file for the roads import, ids way/9000000 … */
export function roadFile(ways: readonly { highway: string; name: string; coordinates: [number, number][] }[]) {
  return strToU8(
    JSON.stringify({
      type: 'FeatureCollection',
      features: ways.map((w, i) => ({
        type: 'Feature',
        id: `way/${9_000_000 + i}`,
        properties: { highway: w.highway, name: w.name },
        geometry: { type: 'LineString', coordinates: w.coordinates },
      })),
    }),
  );
}
