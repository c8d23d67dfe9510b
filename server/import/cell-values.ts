/**
 * One cell's text to the value its field stores, or the reason it cannot be (both languages).
 * Numbers and dates as Chinese sheets write them: full-width digits, 2024/3/5, 2024年3月5日,
 * 2024.3.5, or an Excel day serial (45356). Pure.
 */
import { isStorableText } from '../schemas/params';
import { normalizeHeader } from './header-map';
import type { ImportField } from './layers/types';
import type { Bilingual } from './messages';

export type CellResult = { ok: true; value: unknown } | { ok: false; reason: Bilingual };

const fail = (zh: string, en: string): CellResult => ({ ok: false, reason: { zh, en } });
const nfkc = (s: string) => s.normalize('NFKC').trim();

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function numberOf(text: string, field: ImportField, integer: boolean): CellResult {
  const s = nfkc(text).replace(/,(?=\d{3}\b)/g, '');
  if (!DECIMAL.test(s)) return fail(`「${text}」不是数字`, `"${text}" is not a number`);
  const v = Number(s);
  if (integer && !Number.isInteger(v)) return fail(`「${text}」须为整数`, `"${text}" must be a whole number`);
  if (field.min !== undefined && v < field.min) return fail(`不得小于 ${field.min}`, `must be at least ${field.min}`);
  if (field.max !== undefined && v > field.max) return fail(`不得大于 ${field.max}`, `must be at most ${field.max}`);
  return { ok: true, value: v };
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function dateOf(text: string): CellResult {
  const s = nfkc(text);
  let y: number;
  let m: number;
  let d: number;
  const ymd = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(s);
  if (ymd) {
    [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  } else if (/^\d{5}(\.\d+)?$/.test(s)) {
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(Number(s)) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    return fail(`「${text}」不是日期（年-月-日）`, `"${text}" is not a date (year-month-day)`);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2100) {
    return fail(`「${text}」不是有效日期`, `"${text}" is not a valid date`);
  }
  return { ok: true, value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

const enumIndex = new WeakMap<ImportField, Map<string, string>>();

function enumOf(text: string, field: ImportField): CellResult {
  let index = enumIndex.get(field);
  if (!index) {
    index = new Map();
    for (const [value, spellings] of Object.entries(field.values ?? {})) {
      for (const s of spellings) if (!index.has(normalizeHeader(s))) index.set(normalizeHeader(s), value);
    }
    enumIndex.set(field, index);
  }
  const value = index.get(normalizeHeader(text));
  if (value !== undefined) return { ok: true, value };
  const allowed = Object.values(field.values ?? {})
    .map((s) => s[1] ?? s[0])
    .join(' / ');
  return fail(`「${text}」不是允许的值：${allowed}`, `"${text}" is not one of the allowed values: ${allowed}`);
}

export function cellValue(text: string, field: ImportField): CellResult {
  if (text.trim() === '') {
    if (field.required) return fail('必填项为空', 'required value is empty');
    return { ok: true, value: field.fallback ?? null };
  }
  if (!isStorableText(text))
    return fail(
      '含有不可存储的字符（NUL 或孤立代理项）',
      'holds characters that cannot be stored (NUL or a lone surrogate)',
    );
  switch (field.type) {
    case 'text': {
      const s = text.trim();
      const max = field.maxLength ?? 500;
      return [...s].length > max ? fail(`超过 ${max} 个字符`, `longer than ${max} characters`) : { ok: true, value: s };
    }
    case 'integer':
      return numberOf(text, field, true);
    case 'number':
      return numberOf(text, field, false);
    case 'date':
      return dateOf(text);
    case 'enum':
      return enumOf(text, field);
    case 'list':
      return {
        ok: true,
        value: text
          .split(/[、,，;；\n]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
  }
}
