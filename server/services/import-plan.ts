/**
 * The dry run of an import (issue 12 §3): read the file, map its columns, check every row, find
 * the coordinate system, convert, place each point (county, township, a row of the same code, a
 * row within metres) and say what a commit would insert, update or leave alone. The commit runs
 * the same plan inside its transaction, so what it writes is what this says.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client';
import { importFocusCounty, locateImportRows, unchangedCodes } from '../../db/queries/imports';
import type { Actor } from '../auth/actor';
import { toWgs84 } from '../geo/crs/convert';
import type { CrsId } from '../geo/crs/systems';
import { type Detection, detectCrs } from '../import/detect-crs';
import { badFile } from '../import/file-error';
import { type HeaderMapping, mapHeaders } from '../import/header-map';
import type { ImportLayer } from '../import/layers/types';
import { type Bilingual, both } from '../import/messages';
import { readImportFile } from '../import/read-file';
import { parseRows, type RowError } from '../import/row-values';
import type { SourceTable } from '../import/source';
import { importRoadSegments } from './import-roads-cache';

export interface ImportInput {
  layer: ImportLayer;
  fileName: string;
  bytes: Uint8Array;
  crs: CrsId | 'auto';
  mapping?: Record<string, string | null>;
  actor: Actor;
  adcode?: string;
}

export interface Duplicate {
  row: number;
  kind: 'code-in-file' | 'near-existing';
  code: string | null;
  /** The earlier row of the file with the same code. */
  firstRow?: number;
  existingId?: number;
  existingCode?: string | null;
  distanceM?: number;
}

export type RowAction = 'insert' | 'update' | 'unchanged' | 'invalid';

export interface ImportPreview {
  layer: string;
  file: { name: string; sha256: string; format: string; encoding: string | null; declaredCrs: string | null };
  county: { adcode: string; name: string };
  columns: string[];
  mapping: HeaderMapping;
  detected: Detection;
  rows: { read: number; valid: number; invalid: number };
  /** Every bad cell, in row order. */
  errors: RowError[];
  outsideCounty: number;
  duplicates: Duplicate[];
  insert: number;
  update: number;
  unchanged: number;
  /** Each row's point in WGS84 and what a commit does with it (the preview map). */
  points: { row: number; lon: number; lat: number; action: RowAction; code: string | null }[];
}

export interface ImportPlan {
  preview: ImportPreview;
  columns: string[];
  inserts: Record<string, unknown>[];
  updates: Record<string, unknown>[];
  invalidRows: number[];
}

function err(row: number, column: string, field: string, m: Bilingual): RowError {
  return { row, column, field, message: both(m), zh: m.zh, en: m.en };
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

export async function planImport(db: Db, input: ImportInput): Promise<ImportPlan> {
  const { layer, actor } = input;
  const county = await importFocusCounty(db, input.adcode);
  if (!county) throw badFile('数据库中没有该县', 'no such county in the database');
  const table = await readImportFile(input.fileName, input.bytes);
  if (table.rows.length === 0) throw badFile('文件中没有数据行', 'the file holds no data rows');
  const mapping = mapHeaders(table.columns, layer.fields, input.mapping);
  requireCoordinates(table, mapping);
  const parsed = parseRows(table.rows, layer, mapping);

  const rawPoints = parsed.flatMap((p) => (p.raw ? [p.raw] : []));
  const roads = await importRoadSegments(db, county.adcode);
  const detected = detectCrs(rawPoints, roads, { asked: input.crs, centreLon: county.centreLon });

  const xColumn = mapping.fields.x ?? mapping.fields.xy ?? 'geometry';
  const firstRowOfCode = new Map<string, number>();
  const duplicates: Duplicate[] = [];
  const wgs = parsed.map((p) => {
    if (!p.raw) return null;
    const [a, b] = detected.swapAxes ? [p.raw[1], p.raw[0]] : p.raw;
    let out: [number, number];
    try {
      out = toWgs84(detected.chosen, [a, b]);
    } catch {
      out = [Number.NaN, Number.NaN];
    }
    if (!Number.isFinite(out[0]) || !Number.isFinite(out[1]) || Math.abs(out[0]) > 180 || Math.abs(out[1]) > 90) {
      p.errors.push(
        err(p.row, xColumn, 'x', {
          zh: `坐标按 ${detected.chosen} 无法换算`,
          en: `the coordinates do not convert from ${detected.chosen}`,
        }),
      );
      return null;
    }
    return out;
  });
  for (const p of parsed) {
    const code = p.values.code as string | undefined;
    if (!code || p.errors.length > 0) continue;
    const first = firstRowOfCode.get(code);
    if (first === undefined) firstRowOfCode.set(code, p.row);
    else {
      duplicates.push({ row: p.row, kind: 'code-in-file', code, firstRow: first });
      p.errors.push(
        err(p.row, mapping.fields.code ?? '编号', 'code', {
          zh: `编号 ${code} 与第 ${first} 行重复`,
          en: `code ${code} repeats row ${first}`,
        }),
      );
    }
  }

  const candidates = parsed.flatMap((p, i) => {
    const point = wgs[i];
    return p.errors.length === 0 && point
      ? [{ n: i, lon: point[0], lat: point[1], code: (p.values.code as string) ?? null }]
      : [];
  });
  const located = await locateImportRows(db, layer.table, county.adcode, layer.duplicateM, candidates);
  let outsideCounty = 0;
  const rowsOut: { i: number; json: Record<string, unknown>; existing: boolean }[] = [];
  for (const l of located) {
    const p = parsed[l.n];
    const point = wgs[l.n];
    if (!p || !point) continue;
    if (!l.inside || (layer.townshipRequired && l.township === null)) {
      outsideCounty++;
      p.errors.push(
        err(p.row, xColumn, 'x', {
          zh: `点 (${point[0].toFixed(6)}, ${point[1].toFixed(6)}) 不在${county.name}${l.inside ? '任何乡镇' : ''}内`,
          en: `the point (${point[0].toFixed(6)}, ${point[1].toFixed(6)}) lies outside ${l.inside ? 'every township of ' : ''}the county`,
        }),
      );
      continue;
    }
    if (
      actor.role === 'township' &&
      (l.township !== actor.township || (l.existingId !== null && l.existingTownship !== actor.township))
    ) {
      p.errors.push(
        err(p.row, xColumn, 'x', {
          zh: '不在本乡镇：乡镇账号只能导入本乡镇的数据',
          en: 'not in your township: township users import rows of their own township only',
        }),
      );
      continue;
    }
    if (l.nearId !== null) {
      duplicates.push({
        row: p.row,
        kind: 'near-existing',
        code: (p.values.code as string) ?? null,
        existingId: l.nearId,
        existingCode: l.nearCode,
        distanceM: Math.round((l.nearM ?? 0) * 100) / 100,
      });
    }
    rowsOut.push({
      i: l.n,
      existing: l.existingId !== null,
      json: {
        ...p.values,
        adcode: county.adcode,
        township_code: l.township,
        synthetic: false,
        geom: `SRID=4326;POINT(${point[0]} ${point[1]})`,
      },
    });
  }
  const columns = [...layer.fields.map((f) => f.column), 'adcode', 'township_code', 'synthetic', 'geom'];
  const same = new Set(
    await unchangedCodes(
      db,
      layer.table,
      columns,
      rowsOut.filter((r) => r.existing).map((r) => r.json),
    ),
  );
  const action = new Map<number, RowAction>();
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const r of rowsOut) {
    const a: RowAction = !r.existing ? 'insert' : same.has(r.json.code as string) ? 'unchanged' : 'update';
    action.set(r.i, a);
    if (a === 'insert') inserts.push(r.json);
    else if (a === 'update') updates.push(r.json);
  }
  const errors = parsed.flatMap((p) => p.errors);
  const invalidRows = parsed.filter((p) => p.errors.length > 0).map((p) => p.row);
  const points = parsed.flatMap((p, i) => {
    const w = wgs[i];
    return w
      ? [
          {
            row: p.row,
            lon: w[0],
            lat: w[1],
            action: action.get(i) ?? 'invalid',
            code: (p.values.code as string) ?? null,
          },
        ]
      : [];
  });
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
      columns: table.columns,
      mapping,
      detected,
      rows: { read: parsed.length, valid: parsed.length - invalidRows.length, invalid: invalidRows.length },
      errors,
      outsideCounty,
      duplicates,
      insert: inserts.length,
      update: updates.length,
      unchanged: same.size,
      points,
    },
    columns,
    inserts,
    updates,
    invalidRows,
  };
}
