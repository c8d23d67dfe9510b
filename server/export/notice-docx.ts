/**
 * A 督办通知 as a .docx (GB/T 9704-2012 layout, docx-style.ts): red 版头 with the issuer, 文号, red
 * line, title, 主送 township, the hazards past their deadline (site, hazard, deadline, days overdue),
 * the reply deadline, and the issuer and date at the foot. A draft says 草稿 beside its number.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph } from 'docx';
import type { NoticeDraft } from '../services/notices';
import { A4, body, FONTS, MARGINS, pageFooter, run, SIZE, titleLine } from './docx-style';
import { docTable } from './docx-table';
import { label } from './labels';

const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

export async function noticeDocx(
  d: NoticeDraft,
  opts: { issuer: string; draft: boolean; demo: boolean },
): Promise<Buffer> {
  const children = [
    titleLine(opts.issuer, 'C00000'),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
      children: [run(`${d.number}${opts.draft ? '（草稿）' : ''}`, FONTS.body, SIZE.body)],
    }),
    titleLine(d.title),
    body([run(`${d.townshipName}人民政府：`, FONTS.body, SIZE.body)], 'left'),
    body(
      `经核查，截至${cn(d.issuedOn)}，你乡镇辖区内有${d.hazards.length}处火灾隐患已超过整改期限仍未整改到位（详见下表）。` +
        `请你乡镇高度重视，压实属地责任，督促相关单位立即整改，并于${cn(d.replyBy)}前将整改情况书面报县消安办。逾期未整改的，县消安办将予以通报并提请依法处理。`,
    ),
    docTable(
      ['序号', '单位', '隐患', '类别', '整改期限', '逾期天数'],
      d.hazards.map((h, i) => [
        i + 1,
        h.siteName,
        h.description ?? '',
        `${label('zh', 'hazardCategory', h.category)}${h.severity === 'major' ? '（重大）' : ''}`,
        h.deadline,
        h.daysOverdue,
      ]),
      { widths: [1, 4, 4, 2.4, 2.2, 1.6] },
    ),
    body(`回复期限：${cn(d.replyBy)}`),
    new Paragraph({ children: [] }),
    body(opts.issuer, 'right'),
    body(cn(d.issuedOn), 'right'),
    ...(opts.demo
      ? [body([run('【演示数据】本通知由合成演示数据生成。', FONTS.heading, SIZE.body, { color: 'C00000' })])]
      : []),
  ];
  const doc = new Document({
    creator: opts.issuer,
    title: d.title,
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
