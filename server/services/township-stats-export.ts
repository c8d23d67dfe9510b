/**
 * The township ranking (周通报) as files: CSV (UTF-8 with BOM, CRLF, formula guard) and .xlsx,
 * headers in the export's language; enforcement kinds from the one label table.
 */
import { type BilingualColumn, columnsIn, rounded } from '../export/columns';
import { tableCsv } from '../export/csv';
import { type ExportLang, label } from '../export/labels';
import { tableXlsx } from '../export/xlsx';
import type { TownshipStat, TownshipStats } from './township-stats';

const kind = (code: string) => ({
  zh: label('zh', 'enforcementKind', code) ?? code,
  en: label('en', 'enforcementKind', code) ?? code,
});

export const STATS_COLUMNS: readonly BilingualColumn<TownshipStat>[] = [
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
  [{ zh: '整改率', en: 'Rectified rate' }, (t) => rounded(t.current.rectifiedRate, 4)],
  [{ zh: '反弹', en: 'Rebounds' }, (t) => t.current.rebounds],
  [{ zh: '反弹率', en: 'Rebound rate' }, (t) => rounded(t.current.reboundRate, 4)],
  [{ zh: '罚款（家）', en: 'Fines (sites)' }, (t) => t.current.fines],
  [{ zh: '罚款金额（元）', en: 'Fines (yuan)' }, (t) => t.current.fineYuan],
  [kind('seal'), (t) => t.current.seals],
  [kind('three_stops'), (t) => t.current.threeStops],
  [kind('detention'), (t) => t.current.detentions],
  [{ zh: '上期发现隐患', en: 'Hazards found, previous window' }, (t) => t.previous.found],
  [{ zh: '发现隐患变化', en: 'Change in hazards found' }, (t) => t.change.found],
];

/** CSV with a UTF-8 BOM (Excel on Chinese Windows reads it as UTF-8) and CRLF line ends. */
export function statsCsv(stats: TownshipStats, lang: ExportLang = 'zh'): string {
  return tableCsv(columnsIn(STATS_COLUMNS, lang), stats.townships);
}

export async function statsXlsx(stats: TownshipStats, lang: ExportLang = 'zh'): Promise<Buffer> {
  const sheet = `${stats.window.from}${lang === 'en' ? ' to ' : '至'}${stats.window.to}`;
  return tableXlsx(columnsIn(STATS_COLUMNS, lang), stats.townships, sheet);
}

export function exportFileName(stats: TownshipStats, ext: 'csv' | 'xlsx'): string {
  return `township-stats-${stats.window.from}-${stats.window.to}.${ext}`;
}
