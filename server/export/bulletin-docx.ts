/**
 * The bulletin as a .docx (docx library; layout in docx-style.ts after GB/T 9704-2012): 版头 with the
 * issuer, title and issue number, the period and as-of date, the generated sentences, the county
 * totals against the previous period, the township table ranked by the composite score, the score
 * map (a PNG drawn by choropleth-raster.ts) with its legend, the notices and their follow-up, and
 * the demo-data notice when the data is synthetic.
 */
import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph } from 'docx';
import type { MultiPolygon, Position } from 'geojson';
import { RANK_CLASS_COLORS, rankClass, SCORE_INDICATORS } from '../analysis/bulletin-score';
import { percentText, ppText } from '../analysis/rates';
import type { Bulletin, BulletinRow } from '../services/bulletin';
import { BULLETIN_FIELDS, INDICATOR_LABEL } from './bulletin-fields';
import { renderChoropleth } from './choropleth-raster';
import { A4, body, FONTS, heading, MARGINS, pageFooter, run, SIZE, titleLine } from './docx-style';
import { type DocCell, docTable } from './docx-table';

export interface TownshipShape {
  code: string;
  geom: MultiPolygon;
  labelAt: Position;
}

const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

function countyTable(b: Bulletin) {
  const rows: DocCell[][] = BULLETIN_FIELDS.map(([key, zh, kind]) => {
    const cur = b.county.current[key];
    const prev = b.county.previous[key];
    const change = b.county.change[key];
    return kind === 'rate'
      ? [zh, percentText(cur), percentText(prev), ppText(change)]
      : [zh, cur, prev, signed(change)];
  });
  return docTable(['指标', '本期', '上期', '变化'], rows, { widths: [4, 2, 2, 2] });
}

function townshipTable(b: Bulletin) {
  const headers = [
    '排名',
    '乡镇',
    '得分',
    '排名变化',
    ...BULLETIN_FIELDS.filter(([k]) => k !== 'patrols').map(([, zh]) => zh),
  ];
  const rows = b.townships.map((t) => [
    t.rank,
    t.name,
    t.score.toFixed(1),
    t.rankChange > 0 ? `↑${t.rankChange}` : t.rankChange < 0 ? `↓${-t.rankChange}` : '—',
    ...BULLETIN_FIELDS.filter(([k]) => k !== 'patrols').map(([k, , kind]) =>
      kind === 'rate' ? percentText(t[k as keyof BulletinRow]) : (t[k as keyof BulletinRow] as number),
    ),
  ]);
  return docTable(headers, rows, { small: true, widths: [1.2, 2.4, 1.5, 1.5, ...headers.slice(4).map(() => 1.4)] });
}

export async function bulletinDocx(b: Bulletin, shapes: TownshipShape[]): Promise<Buffer> {
  const demo = b.demo;
  const scoreOf = new Map(b.townships.map((t) => [t.code, t]));
  const map = renderChoropleth(
    shapes.map((s) => {
      const t = scoreOf.get(s.code);
      return {
        geom: s.geom,
        fill: t ? (RANK_CLASS_COLORS[rankClass(t.rank, b.townships.length)] ?? '#ffffff') : '#ffffff',
        label: String(t?.rank ?? ''),
        labelAt: s.labelAt,
      };
    }),
    1200,
  );
  const mapWidthPx = 520;
  const weights = SCORE_INDICATORS.filter((k) => b.weights[k] > 0)
    .map((k) => `${INDICATOR_LABEL[k]}${b.weights[k]}`)
    .join('、');
  const followUps = b.notices.followUps;
  const issued = b.notices.issued;
  const children = [
    titleLine(b.issuer, 'C00000'),
    titleLine(b.title.replace(/ 第\d+期$/, ''), 'C00000'),
    ...(b.period.issue === null ? [] : [body(`第${b.period.issue}期`, 'center')]),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
      children: [run(`${b.issuer}　　　　${cn(b.asOf)}`, FONTS.body, SIZE.body)],
    }),
    body(
      `统计时段：${cn(b.period.from)}至${cn(b.period.to)}（上期：${cn(b.period.previous.from)}至${cn(b.period.previous.to)}），数据截至${cn(b.asOf)}。`,
    ),
    ...(demo
      ? [
          body([
            run('【演示数据】本通报由合成演示数据生成，不是真实统计。', FONTS.heading, SIZE.body, { color: 'C00000' }),
          ]),
        ]
      : []),
    heading('一、总体情况'),
    ...b.sentences.map((s) => body(s)),
    countyTable(b),
    body(
      `注：整改率 = 本期发现且期末前已整改 ÷ 本期发现；反弹率 = 本期反弹 ÷ 本期复查合格（分母列为“复查合格”）；反弹指同一场所、同类隐患在上次复查合格后${b.reboundWindowDays}天内再次发现。率的变化以百分点（pp）计。`,
    ),
    heading('二、各乡镇考核排名'),
    body(
      `综合得分 = 各项指标得分按权重加权平均（权重：${weights}）；指标得分以本期最好乡镇为100分，逾期、反弹率越低得分越高。`,
    ),
    townshipTable(b),
    heading('三、综合得分分布图'),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'png',
          data: map.png,
          transformation: { width: mapWidthPx, height: Math.round((mapWidthPx * map.height) / map.width) },
          altText: { name: 'score-map', title: '综合得分分布图', description: '各乡镇综合得分分级设色图，数字为排名' },
        }),
      ],
    }),
    body(
      `图中数字为乡镇排名，颜色按排名等分（绿为前、红为后）；北向朝上${b.demo ? '；乡镇边界为演示用合成边界' : ''}。`,
      'center',
    ),
    docTable(
      ['图例', '排名', '得分', '乡镇'],
      RANK_CLASS_COLORS.map((color, i) => {
        const members = b.townships.filter((t) => rankClass(t.rank, b.townships.length) === i);
        const ranks = members.map((t) => t.rank);
        const scores = members.map((t) => t.score);
        return [
          { text: '', fill: color.slice(1) },
          ranks.length ? `第${Math.min(...ranks)}–${Math.max(...ranks)}名` : '—',
          scores.length ? `${Math.max(...scores).toFixed(1)}–${Math.min(...scores).toFixed(1)}` : '—',
          members.map((t) => t.name).join('、'),
        ];
      }).filter((row) => row[1] !== '—'),
      { widths: [1, 2, 2, 6] },
    ),
    heading('四、督办落实情况'),
    body(
      `本期下发督办通知${issued.supervision}份、提示函${issued.reminder}份、消防工作预警指南${issued.warning_guide}期、火灾案例警示教育${issued.case_warning}期。`,
    ),
    ...(followUps.length === 0
      ? [body('本期无在办督办通知。')]
      : [
          docTable(
            ['文号', '乡镇', '下发日期', '回复期限', '所列隐患', '已整改', '逾期未整改'],
            followUps.map((f) => [
              f.number,
              f.townshipName,
              f.issuedOn,
              f.replyBy,
              f.named,
              f.rectified,
              f.openPastReply,
            ]),
            { small: true, widths: [3, 2, 2, 2, 1.4, 1.4, 1.6] },
          ),
        ]),
    ...(b.majorOverdue.length === 0
      ? []
      : [
          heading('五、逾期未整改重大火灾隐患'),
          docTable(
            ['乡镇', '单位', '隐患数', '最早整改期限'],
            b.majorOverdue.map((m) => [m.townshipName, m.siteName, m.hazards, m.oldestDeadline]),
            { widths: [2, 5, 1.5, 2.5] },
          ),
        ]),
  ];
  const doc = new Document({
    creator: b.issuer,
    title: b.title,
    description: `${b.period.from} – ${b.period.to}`,
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGINS, header: 851, footer: 992 } } },
        footers: { default: pageFooter(demo ? '演示数据 · 非真实统计' : undefined) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
