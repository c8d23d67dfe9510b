/** The same tables as one .xlsx sheet: bold headers, numbers as numbers. */
import writeXlsxFile from 'write-excel-file/node';
import type { ExportColumn } from './columns';

export async function tableXlsx<R>(columns: readonly ExportColumn<R>[], rows: readonly R[], sheet: string) {
  const header = columns.map(([h]) => ({ value: h, fontWeight: 'bold' as const }));
  const body = rows.map((r) =>
    columns.map(([, f]) => {
      const v = f(r);
      return v === null ? null : typeof v === 'number' ? { type: Number, value: v } : { type: String, value: v };
    }),
  );
  return writeXlsxFile([header, ...body], { sheet }).toBuffer();
}
