/**
 * Every row of a source table through its layer's fields (zod, one custom issue per bad cell with
 * its reason in both languages) and its coordinate columns: typed values and a raw point in the
 * file's system, or the row's errors with row number and column. Pure.
 */
import { z } from 'zod';
import { parseAngle } from '../geo/crs/angle-text';
import type { XY } from '../geo/crs/systems';
import { labelPoint } from '../geo/label-point';
import { cellValue } from './cell-values';
import type { HeaderMapping } from './header-map';
import type { ImportLayer } from './layers/types';
import { type Bilingual, both } from './messages';
import type { SourceRow } from './source';

export interface RowError {
  row: number;
  /** The file's column (or the field's name when the file has no such column). */
  column: string;
  field: string;
  message: string;
  zh: string;
  en: string;
}

export interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
  /** In the file's system, axes as the file has them. */
  raw: XY | null;
  /** Area layers: the row's polygons in the file's system. */
  shape: XY[][][] | null;
  errors: RowError[];
}

const schemas = new WeakMap<ImportLayer, z.ZodType<Record<string, unknown>>>();

function schemaOf(layer: ImportLayer): z.ZodType<Record<string, unknown>> {
  let schema = schemas.get(layer);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const field of layer.fields) {
      shape[field.column] = z.string().transform((text, ctx) => {
        const r = cellValue(text, field);
        if (r.ok) return r.value;
        ctx.addIssue({ code: 'custom', message: r.reason.en, params: { zh: r.reason.zh } });
        return z.NEVER;
      });
    }
    schema = z.object(shape) as unknown as z.ZodType<Record<string, unknown>>;
    schemas.set(layer, schema);
  }
  return schema;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A coordinate cell: a plain number (degrees or metres), else degrees-minutes-seconds text. */
function coordinate(text: string): { ok: true; v: number } | { ok: false; reason: Bilingual } {
  const s = text.normalize('NFKC').trim();
  if (s === '') return { ok: false, reason: { zh: '坐标为空', en: 'coordinate is empty' } };
  if (NUMBER.test(s)) return { ok: true, v: Number(s) };
  const a = parseAngle(s);
  return a.ok ? { ok: true, v: a.degrees } : { ok: false, reason: { zh: a.messageZh, en: a.message } };
}

function rawPoint(
  source: SourceRow,
  mapping: HeaderMapping,
  push: (column: string, field: string, r: Bilingual) => void,
  labelsAreas: boolean,
): XY | null {
  const { x, y, xy } = mapping.fields;
  if (x && y) {
    const a = coordinate(source.cells[x] ?? '');
    const b = coordinate(source.cells[y] ?? '');
    if (!a.ok) push(x, 'x', a.reason);
    if (!b.ok) push(y, 'y', b.reason);
    return a.ok && b.ok ? [a.v, b.v] : null;
  }
  if (xy) {
    const parts = (source.cells[xy] ?? '')
      .normalize('NFKC')
      .trim()
      .split(/\s*[,;，；]\s*|\s+(?=[+-]?\d)/);
    const [pa = '', pb = ''] = parts;
    const a = coordinate(pa);
    const b = coordinate(pb);
    if (parts.length !== 2 || !a.ok || !b.ok) {
      push(xy, 'xy', { zh: '坐标须为「经度,纬度」两个数', en: 'coordinates must be two numbers "x,y"' });
      return null;
    }
    return [a.v, b.v];
  }
  if (source.point) {
    if (Number.isFinite(source.point[0]) && Number.isFinite(source.point[1])) return source.point;
    push('geometry', 'geometry', { zh: '几何坐标无效', en: 'invalid geometry coordinates' });
    return null;
  }
  if (labelsAreas && source.shape) {
    const label = labelPoint(source.shape);
    if (label && Number.isFinite(label[0]) && Number.isFinite(label[1])) return label;
  }
  const what = source.notPoint ? `${source.notPoint}` : '';
  push(
    'geometry',
    'geometry',
    what
      ? { zh: `几何类型为 ${what}，须为点`, en: `geometry is a ${what}, a point is needed` }
      : { zh: '没有坐标', en: 'no coordinates' },
  );
  return null;
}

/** Does the row give a point (a coordinate cell that is not empty, or a feature's geometry)? */
function hasCoordinates(source: SourceRow, mapping: HeaderMapping): boolean {
  const { x, y, xy } = mapping.fields;
  const given = (c: string | null | undefined) =>
    c !== null && c !== undefined && (source.cells[c] ?? '').trim() !== '';
  return given(x) || given(y) || given(xy) || source.point !== undefined;
}

export function parseRows(rows: readonly SourceRow[], layer: ImportLayer, mapping: HeaderMapping): ParsedRow[] {
  const schema = schemaOf(layer);
  return rows.map((source) => {
    const errors: RowError[] = [];
    const push = (column: string, field: string, r: Bilingual) =>
      errors.push({ row: source.row, column, field, message: both(r), zh: r.zh, en: r.en });
    const input: Record<string, string> = {};
    for (const field of layer.fields) {
      const column = mapping.fields[field.column];
      input[field.column] = column ? (source.cells[column] ?? '') : '';
    }
    const parsed = schema.safeParse(input);
    let values: Record<string, unknown> = {};
    if (parsed.success) {
      values = parsed.data;
      for (const problem of layer.finish?.(values) ?? []) {
        const label = layer.fields.find((f) => f.column === problem.field);
        push(mapping.fields[problem.field] ?? label?.zh ?? problem.field, problem.field, problem.reason);
      }
    } else {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const label = layer.fields.find((f) => f.column === field);
        const zh = (issue as { params?: { zh?: string } }).params?.zh ?? issue.message;
        push(mapping.fields[field] ?? label?.zh ?? field, field, { zh, en: issue.message });
      }
    }
    const raw =
      layer.geometry === 'point' || (layer.geometry === 'optional' && hasCoordinates(source, mapping))
        ? rawPoint(source, mapping, push, layer.labelsAreas === true)
        : null;
    let shape: XY[][][] | null = null;
    if (layer.geometry === 'area') {
      if (source.shape) shape = source.shape;
      else
        push('geometry', 'geometry', {
          zh: `几何类型为 ${source.notPoint ?? '无'}，须为面（Polygon / MultiPolygon）`,
          en: `geometry is ${source.notPoint ?? 'missing'}, a polygon is needed`,
        });
    }
    return { row: source.row, values, raw, shape, errors };
  });
}
