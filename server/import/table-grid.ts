/**
 * A grid of text cells (a sheet, a CSV) to named rows: the header is the first row with at least
 * two non-empty cells (title rows above it — "舞阳县消火栓台账" — are skipped); blank rows are
 * dropped; row numbers stay those of the sheet. Duplicate or empty header names get a suffix.
 */
import { badFile } from './file-error';
import type { SourceRow } from './source';

export function tableFromGrid(grid: readonly (readonly string[])[]): { columns: string[]; rows: SourceRow[] } {
  const headerIndex = grid.findIndex((r) => r.filter((c) => c.trim() !== '').length >= 2);
  if (headerIndex < 0)
    throw badFile('文件为空或没有表头（至少两列）', 'the file is empty or has no header row (two columns at least)');
  const seen = new Map<string, number>();
  const columns = (grid[headerIndex] as readonly string[]).map((raw, i) => {
    const name = raw.trim() || `列${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}(${n})`;
  });
  const rows: SourceRow[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r] as readonly string[];
    if (cells.every((c) => c.trim() === '')) continue;
    const record: Record<string, string> = {};
    columns.forEach((name, i) => {
      record[name] = (cells[i] ?? '').trim();
    });
    rows.push({ row: r + 1, cells: record });
  }
  return { columns, rows };
}
