/**
 * The per-site table of station coverage as files: CSV (UTF-8 with BOM) and .xlsx, headers in
 * the export's language, labels from the one label table, ETAs in seconds and as m:ss.
 */
import { type BilingualColumn, columnsIn, minutesSeconds } from '../export/columns';
import { tableCsv } from '../export/csv';
import { type ExportLang, label } from '../export/labels';
import { tableXlsx } from '../export/xlsx';
import type { SiteRow, SiteTableOptions } from './station-site-table';

export const SITE_COLUMNS: readonly BilingualColumn<SiteRow>[] = [
  [{ zh: '场所编号', en: 'Site code' }, (r) => r.code],
  [{ zh: '场所名称', en: 'Site name' }, (r) => r.name],
  [{ zh: '类别', en: 'Category' }, (r, lang) => label(lang, 'siteCategory', r.category)],
  [{ zh: '风险等级', en: 'Risk level' }, (r, lang) => label(lang, 'risk', r.riskLevel)],
  [{ zh: '乡镇代码', en: 'Township code' }, (r) => r.townshipCode],
  [{ zh: '乡镇', en: 'Township' }, (r) => r.townshipName],
  [{ zh: '第一出动单位编号', en: 'First-due unit code' }, (r) => r.firstUnitCode],
  [{ zh: '第一出动单位', en: 'First-due unit' }, (r) => r.firstUnitName],
  [{ zh: '第一出动到达时间(秒)', en: 'First-due arrival (s)' }, (r) => r.firstEtaS],
  [{ zh: '第一出动到达时间(分:秒)', en: 'First-due arrival (m:ss)' }, (r) => minutesSeconds(r.firstEtaS)],
  [{ zh: '第二出动单位编号', en: 'Second-due unit code' }, (r) => r.secondUnitCode],
  [{ zh: '第二出动单位', en: 'Second-due unit' }, (r) => r.secondUnitName],
  [{ zh: '第二出动到达时间(秒)', en: 'Second-due arrival (s)' }, (r) => r.secondEtaS],
  [{ zh: '第二出动到达时间(分:秒)', en: 'Second-due arrival (m:ss)' }, (r) => minutesSeconds(r.secondEtaS)],
  [{ zh: '经度', en: 'Longitude' }, (r) => r.lon],
  [{ zh: '纬度', en: 'Latitude' }, (r) => r.lat],
];

export function sitesCsv(rows: readonly SiteRow[], lang: ExportLang = 'zh'): string {
  return tableCsv(columnsIn(SITE_COLUMNS, lang), rows);
}

/** Minutes of a threshold as text: 300 → '5', 450 → '7.5'. */
const minutesOf = (s: number) => String(Math.round((s / 60) * 10) / 10);

/** The sheet's title: the scope, at the chosen threshold (what "over" means). */
export function sheetTitle(scope: SiteTableOptions['scope'], thresholdS: number, lang: ExportLang): string {
  if (scope === 'all') return lang === 'zh' ? '全部场所' : 'All sites';
  return lang === 'zh' ? `高风险场所超过${minutesOf(thresholdS)}分钟` : `High-risk over ${minutesOf(thresholdS)} min`;
}

export function sitesXlsx(
  rows: readonly SiteRow[],
  o: Pick<SiteTableOptions, 'scope' | 'thresholdS'>,
  lang: ExportLang = 'zh',
): Promise<Buffer> {
  return tableXlsx(columnsIn(SITE_COLUMNS, lang), rows, sheetTitle(o.scope, o.thresholdS, lang));
}

export function sitesFileName(
  o: Pick<SiteTableOptions, 'scope' | 'township' | 'thresholdS'>,
  ext: 'csv' | 'xlsx',
): string {
  const over = o.scope === 'high_risk_outside' ? `-over-${o.thresholdS}s` : '';
  return `station-coverage-sites-${o.scope}${over}${o.township ? `-${o.township}` : ''}.${ext}`;
}
