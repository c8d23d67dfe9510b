/**
 * Township work records as xlsx / CSV (issue 15 §1): the columns of the record's import layer —
 * Chinese headers, kinds as the label table's words, a patrol's site by code or its free address
 * with longitude / latitude (WGS84) — so an exported file, edited, imports again unchanged.
 */
import type { Db } from '../../db/client';
import { type WorkExportFilter, workExportRows } from '../../db/queries/township-work-export';
import type { Cell, ExportColumn } from '../export/columns';
import { tableCsv } from '../export/csv';
import { tableXlsx } from '../export/xlsx';
import type { ImportLayer } from '../import/layers/types';
import { countyOf } from './county';
import { cellOf } from './import-exports';

type Row = Record<string, Cell>;

export async function workExport(
  db: Db,
  layer: ImportLayer,
  options: WorkExportFilter & { format: 'xlsx' | 'csv' },
): Promise<{ body: string | Uint8Array<ArrayBuffer>; type: string; name: string }> {
  if (options.county !== undefined) await countyOf(db, options.county);
  const points = layer.geometry !== 'none';
  const raw = await workExportRows(db, layer.table, options);
  const rows = raw.map(({ r, lon, lat }) => {
    const row: Row = {};
    for (const f of layer.fields) row[f.zh] = cellOf(f, r[f.column]);
    if (points)
      [row.经度, row.纬度] = lon === null || lat === null ? [null, null] : [lon, lat].map((v) => Number(v.toFixed(7)));
    return row;
  });
  const headers = [...layer.fields.map((f) => f.zh), ...(points ? ['经度', '纬度'] : [])];
  const columns: ExportColumn<Row>[] = headers.map((h) => [h, (r: Row) => r[h] ?? null] as const);
  const period = [options.from, options.to].filter(Boolean).join('_');
  const name = `${layer.id}${options.township ? `-${options.township}` : ''}${period ? `-${period}` : ''}`;
  return options.format === 'csv'
    ? { body: tableCsv(columns, rows), type: 'text/csv; charset=utf-8', name: `${name}.csv` }
    : {
        body: new Uint8Array(await tableXlsx(columns, rows, layer.zh)),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: `${name}.xlsx`,
      };
}
