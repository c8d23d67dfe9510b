/**
 * Which column holds which field: tolerant of the names brigades use (经度 / 东经 / lng / X /
 * 横坐标 …, 名称, 编号, 状态 …). Headers and names are compared after NFKC (full-width → ASCII),
 * lower case and dropping blanks, brackets and punctuation; an exact match beats a header that
 * merely contains a name ("消火栓编号" ⊃ "编号"). A column two fields claim, or a field two
 * columns fit, is reported as ambiguous (the wizard asks); `override` settles any field. Pure.
 */
import { badFile } from './file-error';
import type { ImportField } from './layers/types';

/** The coordinate pseudo-fields: x (longitude / easting), y (latitude / northing), or both in one cell. */
export const COORDINATE_FIELDS = {
  x: {
    zh: '经度/X',
    en: 'Longitude / X',
    aliases: [
      '经度',
      '东经',
      'lng',
      'lon',
      'long',
      'longitude',
      'x',
      '横坐标',
      'x坐标',
      '坐标x',
      '东坐标',
      'easting',
      'gpsx',
      'point_x',
      'pointx',
    ],
  },
  y: {
    zh: '纬度/Y',
    en: 'Latitude / Y',
    aliases: [
      '纬度',
      '北纬',
      'lat',
      'latitude',
      'y',
      '纵坐标',
      'y坐标',
      '坐标y',
      '北坐标',
      'northing',
      'gpsy',
      'point_y',
      'pointy',
    ],
  },
  xy: {
    zh: '坐标',
    en: 'Coordinates',
    aliases: [
      '坐标',
      '经纬度',
      '位置坐标',
      '经纬度坐标',
      'coordinates',
      'coordinate',
      'lnglat',
      'lonlat',
      'gps坐标',
      'gps',
    ],
  },
} as const;

export interface HeaderMapping {
  /** Field (table column, or x / y / xy) → the file's column, or null when none. */
  fields: Record<string, string | null>;
  ambiguous: { field: string; columns: string[] }[];
  /** Columns no field took (kept out of the import). */
  unmapped: string[];
}

export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-()[\]【】（）:：/\\.·,，、]+/g, '');
}

interface Candidate {
  key: string;
  names: string[];
}

function candidatesOf(fields: readonly ImportField[], withCoordinates: boolean): Candidate[] {
  const layer = fields.map((f) => ({
    key: f.column,
    names: [f.zh, f.en, f.column, ...f.aliases].map(normalizeHeader),
  }));
  const coords = Object.entries(COORDINATE_FIELDS).map(([key, c]) => ({
    key,
    names: [c.zh, c.en, ...c.aliases].map(normalizeHeader),
  }));
  return withCoordinates ? [...coords, ...layer] : layer;
}

/** 2 = exact, 1 = the header contains the name (names of ≥ 2 CJK or ≥ 4 Latin characters), 0 = no. */
function score(header: string, names: readonly string[]): number {
  if (names.includes(header)) return 2;
  const contains = names.some((n) => (/[^ -~]/.test(n) ? n.length >= 2 : n.length >= 4) && header.includes(n));
  return contains ? 1 : 0;
}

export function mapHeaders(
  columns: readonly string[],
  fields: readonly ImportField[],
  override: Readonly<Record<string, string | null>> = {},
  withCoordinates = true,
): HeaderMapping {
  const candidates = candidatesOf(fields, withCoordinates);
  const keys = new Set(candidates.map((c) => c.key));
  for (const [key, column] of Object.entries(override)) {
    if (!keys.has(key))
      throw badFile(`映射中的字段 ${key} 不存在`, `mapping: no field ${key} in this layer`, { field: key });
    if (column !== null && !columns.includes(column)) {
      throw badFile(`映射中的列「${column}」不在文件中`, `mapping: the file has no column "${column}"`, { column });
    }
  }
  const taken = new Set(Object.values(override).filter((c): c is string => c !== null));
  const fieldsOut: Record<string, string | null> = {};
  const ambiguous: HeaderMapping['ambiguous'] = [];
  const scores = columns.map((col) => {
    const h = normalizeHeader(col);
    return candidates.map((c) => score(h, c.names));
  });
  // Per column, the best-scoring fields; a column tied between fields is ambiguous for each.
  const best = scores.map((row) => {
    const top = Math.max(0, ...row);
    return top === 0 ? [] : row.flatMap((s, i) => (s === top ? [i] : []));
  });
  candidates.forEach((cand, fi) => {
    if (cand.key in override) {
      fieldsOut[cand.key] = override[cand.key] ?? null;
      return;
    }
    const fits = columns
      .map((col, ci) => ({ col, ci, s: scores[ci]?.[fi] ?? 0 }))
      .filter(({ col, ci, s }) => s > 0 && !taken.has(col) && best[ci]?.includes(fi));
    const top = Math.max(0, ...fits.map((f) => f.s));
    const winners = fits.filter((f) => f.s === top);
    const chosen = winners[0];
    fieldsOut[cand.key] = chosen ? chosen.col : null;
    if (winners.length > 1) ambiguous.push({ field: cand.key, columns: winners.map((w) => w.col) });
    if (chosen && (best[chosen.ci]?.length ?? 0) > 1) {
      ambiguous.push({ field: cand.key, columns: [chosen.col] });
    }
    if (chosen) taken.add(chosen.col);
  });
  // A combined coordinate column only when there is no x / y pair.
  if (fieldsOut.x && fieldsOut.y) fieldsOut.xy = override.xy ?? null;
  const used = new Set(Object.values(fieldsOut));
  return { fields: fieldsOut, ambiguous, unmapped: columns.filter((c) => !used.has(c)) };
}
