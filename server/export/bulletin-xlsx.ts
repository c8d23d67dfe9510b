/**
 * The bulletin as an .xlsx, one sheet per table: 说明 (title, period, weights, sentences), 全县汇总
 * (current, previous, change — rates in percent, their changes in percentage points), 乡镇排名, 督办落实,
 * 重大隐患. Numbers stay numbers; the sheets hold the JSON's values.
 */
import writeXlsxFile from 'write-excel-file/node';
import { SCORE_INDICATORS } from '../analysis/bulletin-score';
import type { Bulletin } from '../services/bulletin';
import { BULLETIN_FIELDS, INDICATOR_LABEL } from './bulletin-fields';

type Value = string | number | null;
const head = (cells: string[]) => cells.map((value) => ({ value, fontWeight: 'bold' as const }));
const row = (cells: Value[]) =>
  cells.map((v) =>
    v === null ? null : typeof v === 'number' ? { type: Number, value: v } : { type: String, value: v },
  );

export async function bulletinXlsx(b: Bulletin): Promise<Buffer> {
  const demo = b.demo;
  const about = [
    head(['项目', '内容']),
    row(['标题', `${b.issuer} ${b.title}`]),
    row(['统计时段', `${b.period.from} 至 ${b.period.to}`]),
    row(['上期', `${b.period.previous.from} 至 ${b.period.previous.to}`]),
    row(['数据截至', b.asOf]),
    row(['反弹规则', `同一场所、同类隐患在复查合格后 ${b.reboundWindowDays} 天内再次发现`]),
    ...SCORE_INDICATORS.map((k) => row([`权重：${INDICATOR_LABEL[k]}`, b.weights[k]])),
    ...b.sentences.map((s, i) => row([`要点 ${i + 1}`, s])),
    ...(demo ? [row(['数据', '演示数据（合成），非真实统计'])] : []),
  ];
  const county = [
    head(['指标', '本期', '上期', '变化', '变化单位']),
    ...BULLETIN_FIELDS.map(([key, zh, kind]) =>
      row([zh, b.county.current[key], b.county.previous[key], b.county.change[key], kind === 'rate' ? '百分点' : '']),
    ),
  ];
  const fields = BULLETIN_FIELDS.map(([key, zh, kind]) => [key, kind === 'rate' ? `${zh}（%）` : zh] as const);
  const townships = [
    head(['排名', '上期排名', '排名变化', '乡镇代码', '乡镇', '综合得分', '上期得分', ...fields.map(([, h]) => h)]),
    ...b.townships.map((t) =>
      row([
        t.rank,
        t.previousRank,
        t.rankChange,
        t.code,
        t.name,
        t.score,
        t.previousScore,
        ...fields.map(([k]) => t[k]),
      ]),
    ),
  ];
  const followUps = [
    head([
      '文号',
      '乡镇代码',
      '乡镇',
      '下发日期',
      '回复期限',
      '所列隐患',
      '已整改',
      '逾期未整改',
      '未到回复期限未整改',
    ]),
    ...b.notices.followUps.map((f) =>
      row([
        f.number,
        f.townshipCode,
        f.townshipName,
        f.issuedOn,
        f.replyBy,
        f.named,
        f.rectified,
        f.openPastReply,
        f.openBeforeReply,
      ]),
    ),
  ];
  const major = [
    head(['乡镇', '场所编号', '单位', '重大隐患数', '最早整改期限']),
    ...b.majorOverdue.map((m) => row([m.townshipName, m.siteId, m.siteName, m.hazards, m.oldestDeadline])),
  ];
  return writeXlsxFile(
    [
      { data: about, sheet: '说明', columns: [{ width: 16 }, { width: 90 }] },
      { data: county, sheet: '全县汇总', columns: [{ width: 16 }, {}, {}, {}, {}] },
      { data: townships, sheet: '乡镇排名', stickyRowsCount: 1 },
      { data: followUps, sheet: '督办落实', stickyRowsCount: 1 },
      { data: major, sheet: '重大隐患', stickyRowsCount: 1 },
    ],
    {},
  ).toBuffer();
}
