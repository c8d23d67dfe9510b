/**
 * The township ranking (周通报) as files: CSV (UTF-8 with BOM, CRLF, formula guard) and .xlsx,
 * headers in the export's language; enforcement kinds from the one label table. The file says which
 * metric ranks it (排名依据 column, sheet name), its 上期 / 变化 columns are that metric's, and rates
 * are in percent with their changes in percentage points (issue 15).
 */
import { type BilingualColumn, columnsIn, rounded } from '../export/columns';
import { tableCsv } from '../export/csv';
import { type ExportLang, label } from '../export/labels';
import { tableXlsx } from '../export/xlsx';
import type { StatMetric } from '../schemas/hazards';
import type { TownshipStat, TownshipStats } from './township-stats';

const kind = (code: string) => ({
  zh: label('zh', 'enforcementKind', code) ?? code,
  en: label('en', 'enforcementKind', code) ?? code,
});

const METRIC_LABEL: Record<StatMetric, { zh: string; en: string }> = {
  found: { zh: '发现隐患', en: 'Hazards found' },
  rectified: { zh: '已整改', en: 'Rectified' },
  verified: { zh: '已复查', en: 'Verified' },
  open: { zh: '未整改', en: 'Open' },
  overdue: { zh: '逾期未改', en: 'Overdue' },
  foundPerKm2: { zh: '每平方公里隐患', en: 'Hazards per km²' },
  foundPer100Sites: { zh: '每百家场所隐患', en: 'Hazards per 100 sites' },
  rectifiedRate: { zh: '整改率（%）', en: 'Rectified rate (%)' },
  rebounds: { zh: '反弹', en: 'Rebounds' },
  reboundRate: { zh: '反弹率（%）', en: 'Rebound rate (%)' },
  fines: { zh: '罚款（家）', en: 'Fines (sites)' },
  fineYuan: { zh: '罚款金额（元）', en: 'Fines (yuan)' },
  enforcement: { zh: '执法措施', en: 'Enforcement actions' },
};
const RATES = new Set<StatMetric>(['rectifiedRate', 'reboundRate']);
/** A metric's value as the file shows it: rates in percent (two decimals), densities to two decimals. */
const shown = (m: StatMetric, v: number | null) =>
  RATES.has(m) ? rounded(v === null ? null : v * 100, 2) : m.startsWith('foundPer') ? rounded(v, 2) : v;

const BASE_COLUMNS: readonly BilingualColumn<TownshipStat>[] = [
  [{ zh: '排名', en: 'Rank' }, (t) => t.rank],
  [{ zh: '排名变化', en: 'Rank change' }, (t) => t.rankChange],
  [{ zh: '乡镇代码', en: 'Township code' }, (t) => t.code],
  [{ zh: '乡镇', en: 'Township' }, (t) => t.name],
  [{ zh: '发现隐患', en: 'Hazards found' }, (t) => t.current.found],
  [{ zh: '已整改', en: 'Rectified' }, (t) => t.current.rectified],
  [{ zh: '已复查', en: 'Verified' }, (t) => t.current.verified],
  [{ zh: '未整改', en: 'Open' }, (t) => t.current.open],
  [{ zh: '逾期未改', en: 'Overdue' }, (t) => t.current.overdue],
  [{ zh: '每平方公里隐患', en: 'Hazards per km²' }, (t) => rounded(t.current.foundPerKm2, 2)],
  [{ zh: '每百家场所隐患', en: 'Hazards per 100 sites' }, (t) => rounded(t.current.foundPer100Sites, 2)],
  [METRIC_LABEL.rectifiedRate, (t) => shown('rectifiedRate', t.current.rectifiedRate)],
  [{ zh: '反弹', en: 'Rebounds' }, (t) => t.current.rebounds],
  [{ zh: '反弹率分母（复查合格）', en: 'Rebound rate base (verified)' }, (t) => t.current.verifiedInWindow],
  [METRIC_LABEL.reboundRate, (t) => shown('reboundRate', t.current.reboundRate)],
  [{ zh: '罚款（家）', en: 'Fines (sites)' }, (t) => t.current.fines],
  [{ zh: '罚款金额（元）', en: 'Fines (yuan)' }, (t) => t.current.fineYuan],
  [kind('seal'), (t) => t.current.seals],
  [kind('three_stops'), (t) => t.current.threeStops],
  [kind('detention'), (t) => t.current.detentions],
];

/** The columns for a ranking by `metric`: the base table, then what ranks it, its previous value and change. */
export function statsColumns(metric: StatMetric): BilingualColumn<TownshipStat>[] {
  const label = METRIC_LABEL[metric];
  const rate = RATES.has(metric);
  return [
    ...BASE_COLUMNS,
    [{ zh: '排名依据', en: 'Ranked by' }, (_t, lang) => label[lang]],
    [{ zh: `上期${label.zh}`, en: `${label.en}, previous window` }, (t) => shown(metric, t.previous[metric])],
    [
      {
        zh: `${label.zh.replace('（%）', '')}变化${rate ? '（百分点）' : ''}`,
        en: `Change in ${label.en.replace(' (%)', '')}${rate ? ' (pp)' : ''}`,
      },
      (t) => shown(metric, t.change[metric]),
    ],
  ];
}

/** CSV with a UTF-8 BOM (Excel on Chinese Windows reads it as UTF-8) and CRLF line ends. */
export function statsCsv(stats: TownshipStats, lang: ExportLang = 'zh'): string {
  return tableCsv(columnsIn(statsColumns(stats.metric ?? 'found'), lang), stats.townships);
}

export async function statsXlsx(stats: TownshipStats, lang: ExportLang = 'zh'): Promise<Buffer> {
  const by = METRIC_LABEL[stats.metric].zh.replace('（%）', '');
  const sheet =
    lang === 'en'
      ? `${stats.window.from} to ${stats.window.to}`
      : `${stats.window.from}至${stats.window.to} ${by}`.slice(0, 31);
  return tableXlsx(columnsIn(statsColumns(stats.metric), lang), stats.townships, sheet);
}

export function exportFileName(stats: TownshipStats, ext: 'csv' | 'xlsx'): string {
  return `township-stats-${stats.window.from}-${stats.window.to}.${ext}`;
}
