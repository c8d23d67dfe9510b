/** Tables for the .docx exports: a shaded header row, 仿宋 in 五号 (or 小五 for wide tables), centred cells. */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  VerticalAlign,
  WidthType,
} from 'docx';
import { FONTS, run, SIZE } from './docx-style';

export type DocCell = string | number | null | { text: string; fill: string };

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(value: DocCell, size: number, header: boolean): TableCell {
  const fill = typeof value === 'object' && value !== null ? value.fill : header ? 'E7E6E6' : undefined;
  const text = value === null ? '—' : typeof value === 'object' ? value.text : String(value);
  return new TableCell({
    borders,
    verticalAlign: VerticalAlign.CENTER,
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
    margins: { left: 40, right: 40, top: 20, bottom: 20 },
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(text, header ? FONTS.heading : FONTS.body, size)],
      }),
    ],
  });
}

/** `widths` in relative units; the table spans the text width. */
export function docTable(
  headers: string[],
  rows: DocCell[][],
  opts: { small?: boolean; widths?: number[] } = {},
): Table {
  const size = opts.small ? SIZE.small : SIZE.table;
  const widths = opts.widths ?? headers.map(() => 1);
  const total = widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths.map((w) => Math.round((w / total) * 8844)),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, size, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v, size, false)) })),
    ],
  });
}
