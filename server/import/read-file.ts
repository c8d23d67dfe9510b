/**
 * One uploaded file to a SourceTable, by its bytes first (a renamed file is still read right) and
 * its name second: zip → .xlsx / KMZ / zipped Shapefile by what it holds; OLE2 → refused
 * (a password-protected .xlsx or an old .xls); JSON → GeoJSON; XML → KML; other text → CSV.
 */
import { badFile, ImportFileError, unsupportedFile } from './file-error';
import { readCsv } from './read-csv';
import { readGeoJson, readKml, readKmz, readShapefileZip, unzip } from './read-features';
import { readXlsx } from './read-xlsx';
import type { SourceTable } from './source';

/** Uploads larger than this are refused before reading (the route's body limit is the same). */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function firstText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
}

export async function readImportFile(name: string, bytes: Uint8Array): Promise<SourceTable> {
  if (bytes.length === 0) throw badFile('文件为空', 'the file is empty');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ImportFileError(413, 'payload_too_large', {
      zh: `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`,
      en: `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    });
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw unsupportedFile(
      '文件已加密或为旧版 .xls：请在 Excel 中取消密码并另存为 .xlsx',
      'the file is encrypted or an old .xls: remove the password in Excel and save it as .xlsx',
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzip(bytes);
    } catch (e) {
      throw badFile('压缩文件损坏或已加密', `the zip is damaged or encrypted: ${(e as Error).message}`);
    }
    const names = Object.keys(entries);
    if (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return readXlsx(bytes);
    if (names.some((n) => /\.shp$/i.test(n))) return readShapefileZip(bytes, names);
    if (names.some((n) => /\.kml$/i.test(n))) return readKmz(entries);
    throw unsupportedFile('压缩包中没有 Excel、Shapefile 或 KML', 'the zip holds no Excel sheet, Shapefile or KML');
  }
  const head = firstText(bytes);
  if (head.startsWith('{') || head.startsWith('[')) return readGeoJson(new TextDecoder().decode(bytes));
  if (head.startsWith('<')) {
    if (/<kml[\s>]/i.test(new TextDecoder().decode(bytes.subarray(0, 4096))))
      return readKml(new TextDecoder().decode(bytes));
    throw unsupportedFile('不支持的 XML 文件（只支持 KML）', 'unsupported XML file (only KML is read)');
  }
  if (/\.(xlsx|xls|kmz|zip|shp|docx|pdf)$/i.test(name)) {
    throw unsupportedFile(
      `${name} 的内容与扩展名不符，无法读取`,
      `the content of ${name} does not match its extension`,
    );
  }
  return readCsv(bytes);
}
