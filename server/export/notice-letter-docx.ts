/**
 * A 提示函, 《消防工作预警指南》 or 《火灾案例警示教育》 as a .docx (GB/T 9704-2012 layout, docx-style.ts,
 * as the 督办通知): red 版头 with the issuer, 文号 over the red line, title, 主送 (a township, or every
 * township when none is named), the text as written — one paragraph per line —, the reply deadline
 * when there is one, and the issuer and date at the foot.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph } from 'docx';
import type { NoticeRow } from '../../db/queries/notices';
import { A4, body, FONTS, MARGINS, pageFooter, run, SIZE, titleLine } from './docx-style';

const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** 主送 of a notice to no one township: the county's townships and sub-districts. */
export const EVERY_TOWNSHIP = '各乡镇人民政府、街道办事处';

export async function noticeLetterDocx(n: NoticeRow, opts: { issuer: string; demo: boolean }): Promise<Buffer> {
  const lines = (n.body ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const children = [
    titleLine(opts.issuer, 'C00000'),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
      children: [run(n.number, FONTS.body, SIZE.body)],
    }),
    titleLine(n.title),
    body([run(`${n.townshipName ? `${n.townshipName}人民政府` : EVERY_TOWNSHIP}：`, FONTS.body, SIZE.body)], 'left'),
    ...lines.map((l) => body(l)),
    ...(n.replyBy ? [body(`请于${cn(n.replyBy)}前将落实情况书面报县消安办。`)] : []),
    new Paragraph({ children: [] }),
    body(opts.issuer, 'right'),
    body(cn(n.issuedOn), 'right'),
    ...(opts.demo
      ? [body([run('【演示数据】本文件由合成演示数据生成。', FONTS.heading, SIZE.body, { color: 'C00000' })])]
      : []),
  ];
  const doc = new Document({
    creator: opts.issuer,
    title: n.title,
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGINS, header: 851, footer: 992 } } },
        footers: { default: pageFooter(opts.demo ? '演示数据' : undefined) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
