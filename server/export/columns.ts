/** Columns of a table export and the cell formats they share (durations as the UI shows them). */
import type { ExportLang } from './labels';

export type Cell = string | number | null;

/** A column of an export: its header in the export's language and the cell of one row. */
export type ExportColumn<R> = readonly [string, (row: R) => Cell];

/** A header in both languages. */
export interface Header {
  zh: string;
  en: string;
}

/** A column in both languages, picked with `columnsIn`. */
export type BilingualColumn<R> = readonly [Header, (row: R, lang: ExportLang) => Cell];

export function columnsIn<R>(columns: readonly BilingualColumn<R>[], lang: ExportLang): ExportColumn<R>[] {
  return columns.map(([h, f]) => [h[lang], (r: R) => f(r, lang)] as const);
}

/** A duration as the UI shows it, m:ss (352.4 s → '5:52'); null when not reached. */
export function minutesSeconds(s: number | null): string | null {
  if (s === null || !Number.isFinite(s)) return null;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A number to `digits` decimals (null stays null). */
export function rounded(v: number | null, digits: number): number | null {
  return v === null ? null : Number(v.toFixed(digits));
}
