/** CSV for Excel on Chinese Windows: UTF-8 with BOM, CRLF, and a guard against formula injection. */
import type { Cell, ExportColumn } from './columns';

/** One cell: quoted when needed; a text cell starting like a formula is kept text with a leading '. */
export function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as CSV: the columns' headers, then one line per row. */
export function tableCsv<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): string {
  const lines = [columns.map(([h]) => csvCell(h)).join(',')];
  for (const r of rows) lines.push(columns.map(([, f]) => csvCell(f(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
