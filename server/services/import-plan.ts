/**
 * The dry run of an import (issue 12 §3): read the file, map its columns, check every row, place
 * it (points: coordinate system, county, township; records: their site) and say what a commit
 * would insert, update or leave alone. The commit runs the same plan inside its transaction, so
 * what it writes is what this says.
 */
import { createHash } from 'node:crypto';
import type { MultiPolygon } from 'geojson';
import type { Db } from '../../db/client';
import { importFocusCounty, unchangedCodes } from '../../db/queries/imports';
import type { Actor } from '../auth/actor';
import type { CrsId } from '../geo/crs/systems';
import type { ImportSummary } from '../geo/roads/prepare';
import type { Detection } from '../import/detect-crs';
import { badFile, unsupportedFile } from '../import/file-error';
import { COORDINATE_FIELDS, type HeaderMapping, mapHeaders } from '../import/header-map';
import type { ImportLayer } from '../import/layers/types';
import { readImportFile } from '../import/read-file';
import { type ParsedRow, parseRows, type RowError } from '../import/row-values';
import type { SourceTable } from '../import/source';
import { placeAreas } from './import-place-areas';
import { placePoints } from './import-place-points';
import { placeRecords } from './import-place-records';
import { placeWork } from './import-place-work';
import { type Duplicate, type Placed, rowError } from './import-placed';
import { type AreaPreview, areaColumns, areaPreview, wrongCounty } from './import-plan-areas';

export interface ImportInput {
  layer: ImportLayer;
  fileName: string;
  bytes: Uint8Array;
  crs: CrsId | 'auto';
  mapping?: Record<string, string | null>;
  actor: Actor;
  adcode?: string;
}

/** The roads layer's preview: what the road import makes of the file (import-roads-layer.ts). */
export interface RoadsPreview {
  summary: ImportSummary;
  /** Roads of the county the commit replaces. */
  replaced: number;
  warnings: { zh: string; en: string }[];
}

export type RowAction = 'insert' | 'update' | 'unchanged' | 'invalid';

export interface ImportPreview {
  layer: string;
  file: { name: string; sha256: string; format: string; encoding: string | null; declaredCrs: string | null };
  county: { adcode: string; name: string };
  columns: string[];
  /** The layer's fields (and the coordinate columns of a point layer) with their names, for the mapping step. */
  fields: { key: string; zh: string; en: string; required: boolean }[];
  mapping: HeaderMapping;
  /** The coordinate system and its evidence; null for record layers (no coordinates). */
  detected: Detection | null;
  rows: { read: number; valid: number; invalid: number };
  /** Every bad cell, in row order. */
  errors: RowError[];
  outsideCounty: number;
  duplicates: Duplicate[];
  insert: number;
  update: number;
  unchanged: number;
  /** The roads layer: what the road import makes of the file (import-roads-layer.ts). */
  roads?: RoadsPreview;
  /** Area layers: the polygons (WGS84) with what a commit does with each, and the county area no township would cover. */
  areas: AreaPreview | null;
  /** Each row's point in WGS84 (an area's label point) and what a commit does with it (the preview map). */
  points: { row: number; lon: number; lat: number; action: RowAction; code: string | null }[];
}

export interface ImportPlan {
  preview: ImportPreview;
  columns: string[];
  inserts: Placed[];
  updates: Placed[];
  invalidRows: number[];
}

function requireCoordinates(table: SourceTable, mapping: HeaderMapping): void {
  const { x, y, xy } = mapping.fields;
  const hasGeometry = table.rows.some((r) => r.point !== undefined || r.notPoint !== undefined);
  if (!hasGeometry && !(x && y) && !xy) {
    throw badFile(
      `没有找到坐标列（经度/纬度、X/Y 或 坐标），文件的列为：${table.columns.join('、')}`,
      `no coordinate columns found (longitude / latitude, X / Y or coordinates); the file's columns: ${table.columns.join(', ')}`,
      { columns: table.columns, mapping: mapping.fields },
    );
  }
}

/** A code given twice in the file: the later rows are invalid. */
function codesRepeated(parsed: ParsedRow[], mapping: HeaderMapping, duplicates: Duplicate[], codeColumn: string): void {
  const firstRowOfCode = new Map<string, number>();
  for (const p of parsed) {
    const code = p.values[codeColumn] as string | undefined;
    if (!code || p.errors.length > 0) continue;
    const first = firstRowOfCode.get(code);
    if (first === undefined) firstRowOfCode.set(code, p.row);
    else {
      duplicates.push({ row: p.row, kind: 'code-in-file', code, firstRow: first });
      p.errors.push(
        rowError(p.row, mapping.fields[codeColumn] ?? '编号', codeColumn, {
          zh: `编号 ${code} 与第 ${first} 行重复`,
          en: `code ${code} repeats row ${first}`,
        }),
      );
    }
  }
}

export async function planImport(db: Db, input: ImportInput): Promise<ImportPlan> {
  const { layer, actor } = input;
  const codeColumn = layer.codeColumn ?? 'code';
  // A county boundary may bring a county the database does not hold yet: its context is the focus county.
  const county =
    (await importFocusCounty(db, input.adcode)) ??
    (layer.area?.topology === 'county' ? await importFocusCounty(db) : undefined);
  if (!county) throw badFile('数据库中没有该县', 'no such county in the database');
  const table = await readImportFile(input.fileName, input.bytes);
  if (table.rows.length === 0) throw badFile('文件中没有数据行', 'the file holds no data rows');
  const points = layer.geometry === 'point';
  const areas = layer.geometry === 'area';
  if (areas && (table.format === 'xlsx' || table.format === 'csv')) {
    throw unsupportedFile(
      `${layer.zh}是面，表格无法承载：请上传 GeoJSON、KML / KMZ 或压缩的 Shapefile`,
      `${layer.en.toLowerCase()} are polygons, which a spreadsheet cannot hold: upload GeoJSON, KML / KMZ or a zipped Shapefile`,
    );
  }
  const mapping = mapHeaders(table.columns, layer.fields, input.mapping, points || layer.geometry === 'optional');
  if (points) requireCoordinates(table, mapping);
  const parsed = parseRows(table.rows, layer, mapping);
  const duplicates: Duplicate[] = [];
  if (layer.key.kind === 'code') codesRepeated(parsed, mapping, duplicates, codeColumn);
  if (layer.area?.topology === 'townships') wrongCounty(parsed, county);

  let detected: Detection | null = null;
  let outsideCounty = 0;
  let placed: Placed[];
  let wgs: ([number, number] | null)[] = [];
  let shapes: (MultiPolygon | null)[] = [];
  let workColumns: string[] | null = null;
  if (layer.placement === 'work') {
    const w = await placeWork(db, layer, parsed, mapping, county, { crs: input.crs, actor }, duplicates);
    ({ detected, placed, outsideCounty, wgs } = w);
    workColumns = w.columns;
  } else if (points) {
    const p = await placePoints(db, layer, parsed, mapping, county, { crs: input.crs, actor }, duplicates);
    ({ detected, placed, outsideCounty, wgs } = p);
  } else if (areas) {
    const p = await placeAreas(db, layer, parsed, county, { crs: input.crs, actor }, duplicates);
    ({ detected, placed, outsideCounty, wgs, shapes } = p);
  } else {
    placed = await placeRecords(db, layer, parsed, mapping, county.adcode, actor, duplicates);
  }

  const columns = workColumns
    ? workColumns
    : points
      ? [...layer.fields.map((f) => f.column), 'adcode', 'township_code', 'synthetic', 'geom']
      : areas
        ? areaColumns(layer)
        : [
            'adcode',
            'site_id',
            'township_code',
            'synthetic',
            ...layer.fields.filter((f) => !f.virtual).map((f) => f.column),
          ];
  const byCode = layer.key.kind === 'code';
  const same = byCode
    ? new Set(
        await unchangedCodes(
          db,
          layer.table,
          columns,
          placed.filter((r) => r.existing).map((r) => r.json),
          { code: codeColumn, area: areas },
        ),
      )
    : new Set<string>();
  const action = new Map<number, RowAction>();
  const inserts: Placed[] = [];
  const updates: Placed[] = [];
  let unchanged = 0;
  for (const r of placed) {
    const a: RowAction = !r.existing
      ? 'insert'
      : !byCode || same.has(r.json[codeColumn] as string)
        ? 'unchanged'
        : 'update';
    action.set(r.i, a);
    if (a === 'insert') inserts.push(r);
    else if (a === 'update') updates.push(r);
    else unchanged++;
  }
  const invalidRows = parsed.filter((p) => p.errors.length > 0).map((p) => p.row);
  return {
    preview: {
      layer: layer.id,
      file: {
        name: input.fileName,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        format: table.format,
        encoding: table.encoding,
        declaredCrs: table.declaredCrs,
      },
      county: { adcode: county.adcode, name: county.name },
      areas: areas ? await areaPreview(db, layer, county.adcode, parsed, shapes, action) : null,
      columns: table.columns,
      fields: [
        ...(layer.geometry !== 'none'
          ? Object.entries(COORDINATE_FIELDS).map(([key, c]) => ({ key, zh: c.zh, en: c.en, required: false }))
          : []),
        ...layer.fields.map((f) => ({ key: f.column, zh: f.zh, en: f.en, required: f.required === true })),
      ],
      mapping,
      detected,
      rows: { read: parsed.length, valid: parsed.length - invalidRows.length, invalid: invalidRows.length },
      errors: parsed.flatMap((p) => p.errors),
      outsideCounty,
      duplicates,
      insert: inserts.length,
      update: updates.length,
      unchanged,
      points: parsed.flatMap((p, i) => {
        const w = wgs[i];
        return w
          ? [
              {
                row: p.row,
                lon: w[0],
                lat: w[1],
                action: action.get(i) ?? 'invalid',
                code: (p.values[codeColumn] as string) ?? null,
              },
            ]
          : [];
      }),
    },
    columns,
    inserts,
    updates,
    invalidRows,
  };
}
