/**
 * .xlsx through exceljs: the first sheet that has a header row. Cells become text as the user
 * sees them: numbers in full precision, dates as YYYY-MM-DD, formulas by their cached result,
 * rich text and hyperlinks by their text.
 */
import ExcelJS from 'exceljs';
import { badFile } from './file-error';
import type { SourceTable } from './source';
import { tableFromGrid } from './table-grid';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<SourceTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw badFile(
      '无法读取 Excel 文件（文件损坏或不是 .xlsx）',
      `cannot read the Excel file (damaged or not .xlsx): ${(e as Error).message}`,
    );
  }
  let lastError: unknown;
  for (const sheet of workbook.worksheets) {
    const grid: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value).trim();
      });
      grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    try {
      return { ...tableFromGrid(grid), format: 'xlsx', encoding: null, declaredCrs: null };
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError ?? badFile('Excel 文件中没有工作表', 'the Excel file has no sheet');
}
