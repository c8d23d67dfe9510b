/**
 * The .docx layout after 党政机关公文格式 GB/T 9704-2012 where it fits a bulletin (docs/standards.md §7):
 * A4; margins top 37 mm, bottom 35 mm, binding (left) 28 mm, right 26 mm; title 2号 (22 pt)
 * 方正小标宋简体; headings 3号 (16 pt) 黑体; body 3号 仿宋 at a fixed 28.9 pt line (22 lines a page);
 * page numbers 4号 (14 pt) 宋体 "— 1 —". Fonts a machine lacks are substituted by Word: 方正小标宋简体 →
 * 宋体 (SimSun), 仿宋 (FangSong) and 黑体 (SimHei) ship with Windows; Latin text in Times New Roman.
 */
import { AlignmentType, Footer, PageNumber, Paragraph, type ParagraphChild, TextRun } from 'docx';

const MM = 56.7; // twips per millimetre
export const A4 = { width: 11906, height: 16838 };
export const MARGINS = {
  top: Math.round(37 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  right: Math.round(26 * MM),
};
export const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋',
  subheading: '楷体',
  page: '宋体',
  latin: 'Times New Roman',
};
/** Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt, 小五 9 pt. */
export const SIZE = { title: 44, heading: 32, body: 32, page: 28, table: 21, small: 18 };
const LINE = 578; // 28.9 pt fixed line (twips)

export function run(text: string, font: string, size: number, extra: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, size, font: { eastAsia: font, ascii: FONTS.latin, hAnsi: FONTS.latin }, ...extra });
}

export function titleLine(text: string, color?: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 720, lineRule: 'exact' },
    children: [run(text, FONTS.title, SIZE.title, { color })],
  });
}

export function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { line: LINE, lineRule: 'exact' },
    indent: { firstLine: 640 },
    children: [run(text, FONTS.heading, SIZE.heading)],
  });
}

/** A body paragraph: 仿宋 3号, first line indented two characters. */
export function body(text: string | ParagraphChild[], align: 'left' | 'center' | 'right' = 'left'): Paragraph {
  return new Paragraph({
    alignment:
      align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    spacing: { line: LINE, lineRule: 'exact' },
    indent: align === 'left' ? { firstLine: 640 } : undefined,
    children: typeof text === 'string' ? [run(text, FONTS.body, SIZE.body)] : text,
  });
}

/** "— 1 —" centred, 4号 宋体 (GB/T 9704 §7.5). */
export function pageFooter(note?: string): Footer {
  const font = { eastAsia: FONTS.page, ascii: FONTS.latin, hAnsi: FONTS.latin };
  return new Footer({
    children: [
      ...(note
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: note, size: SIZE.small, font, color: 'C00000' })],
            }),
          ]
        : []),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.page, font })],
      }),
    ],
  });
}
