/** What placing a row yields (import-place-points.ts, import-place-records.ts): the row to write and whether one like it exists. */
import type { Bilingual } from '../import/messages';
import { both } from '../import/messages';
import type { RowError } from '../import/row-values';

export interface Placed {
  /** Index into the parsed rows. */
  i: number;
  /** A row of the same code (or natural key) exists. */
  existing: boolean;
  /** The row's values as read (children are built from them). */
  values: Record<string, unknown>;
  /** The row as written: the table's columns. */
  json: Record<string, unknown>;
}

export interface Duplicate {
  row: number;
  kind: 'code-in-file' | 'near-existing' | 'same-record' | 'overlap';
  code: string | null;
  /** The earlier row of the file with the same code. */
  firstRow?: number;
  existingId?: number | string;
  existingCode?: string | null;
  distanceM?: number;
}

export function rowError(row: number, column: string, field: string, m: Bilingual): RowError {
  return { row, column, field, message: both(m), zh: m.zh, en: m.en };
}
