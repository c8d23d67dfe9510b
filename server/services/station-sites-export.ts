/**
 * The per-site table of station coverage (issue 4): every site's first- and second-due unit
 * and ETA under a coverage query, narrowed to a scope (all sites, or high-risk sites outside a
 * threshold) and a township, sorted, paged for the panel and exported whole as CSV (UTF-8 with
 * BOM) and .xlsx. The ETAs are the same evaluation as GET /api/coverage/stations.
 */
import type { Db } from '../../db/client';
import type { SiteSortKey } from '../schemas/coverage-stations';
import { type ExportColumn, tableCsv, tableXlsx } from './hydrant-planning';
import {
  type CoverageOptions,
  evaluate,
  finite,
  HIGH_RISK,
  type SiteRef,
  siteRef,
  unitsOfQuery,
} from './station-coverage';
import { stationNetwork } from './station-network';

export interface SiteTableOptions
  extends Pick<CoverageOptions, 'units' | 'includeBuilt' | 'scenario' | 'turnout' | 'cellM'> {
  scope: 'all' | 'high_risk_outside';
  thresholdS: number;
  township?: string;
  sort: SiteSortKey;
  dir: 'asc' | 'desc';
}

export interface SiteRow extends SiteRef {
  lon: number;
  lat: number;
  firstUnitId: number | string | null;
  firstUnitCode: string | null;
  firstUnitName: string | null;
  firstEtaS: number | null;
  secondUnitId: number | string | null;
  secondUnitCode: string | null;
  secondUnitName: string | null;
  secondEtaS: number | null;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });
const eta = (t: number | null) => t ?? Number.POSITIVE_INFINITY;
const text = (s: string | null) => s ?? '';

/**
 * Row order for a sort key: ETAs numerically (not reached = slowest), text in Chinese collation
 * (pinyin); a row without a unit goes after every unit in ascending order. Ties by site id.
 */
export function compareSiteRows(key: SiteSortKey, dir: 'asc' | 'desc'): (a: SiteRow, b: SiteRow) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const unit = (code: string | null, other: string | null) =>
    code === null ? (other === null ? 0 : 1) : other === null ? -1 : collator.compare(code, other);
  const by: Record<SiteSortKey, (a: SiteRow, b: SiteRow) => number> = {
    name: (a, b) => collator.compare(a.name, b.name),
    category: (a, b) => collator.compare(a.category, b.category),
    township: (a, b) => collator.compare(text(a.townshipName), text(b.townshipName)),
    firstUnit: (a, b) => unit(a.firstUnitCode, b.firstUnitCode),
    firstEta: (a, b) => eta(a.firstEtaS) - eta(b.firstEtaS) || 0,
    secondUnit: (a, b) => unit(a.secondUnitCode, b.secondUnitCode),
    secondEta: (a, b) => eta(a.secondEtaS) - eta(b.secondEtaS) || 0,
  };
  const f = by[key];
  // Infinity − Infinity is NaN: `|| 0` above turns it into a tie.
  return (a, b) => sign * f(a, b) || a.siteId - b.siteId;
}

/** Every row of the scope, sorted. */
export async function stationSiteRows(db: Db, o: SiteTableOptions): Promise<SiteRow[]> {
  const { network } = await stationNetwork(db);
  const { units } = await unitsOfQuery(db, o);
  const ev = evaluate(network, units, o.cellM);
  const townshipName = new Map(network.townships.map((t) => [t.code, t.name]));
  const second = ev.sites.secondTimeS as Float64Array;
  const secondSource = ev.sites.secondSource as Int32Array;
  const rows: SiteRow[] = [];
  network.sites.forEach((s, i) => {
    if (o.township !== undefined && s.townshipCode !== o.township) return;
    const t = ev.sites.timeS[i] as number;
    if (o.scope === 'high_risk_outside' && (s.riskLevel < HIGH_RISK || t <= o.thresholdS)) return;
    const first = units[ev.sites.source[i] as number];
    const next = units[secondSource[i] as number];
    rows.push({
      ...siteRef(s, townshipName),
      lon: s.lon,
      lat: s.lat,
      firstUnitId: first?.id ?? null,
      firstUnitCode: first?.code ?? null,
      firstUnitName: first?.name ?? null,
      firstEtaS: finite(t),
      secondUnitId: next?.id ?? null,
      secondUnitCode: next?.code ?? null,
      secondUnitName: next?.name ?? null,
      secondEtaS: finite(second[i] as number),
    });
  });
  return rows.sort(compareSiteRows(o.sort, o.dir));
}

/** One page of the table, with the scope's total. */
export async function stationSitePage(db: Db, o: SiteTableOptions & { offset: number; limit: number }) {
  const rows = await stationSiteRows(db, o);
  return {
    scope: o.scope,
    thresholdS: o.thresholdS,
    township: o.township ?? null,
    sort: o.sort,
    dir: o.dir,
    total: rows.length,
    offset: o.offset,
    limit: o.limit,
    rows: rows.slice(o.offset, o.offset + o.limit),
  };
}

// ---------------------------------------------------------------------------------------------
// Table files: the hydrant planning export's column helpers (CSV with BOM, .xlsx).

const CATEGORY_ZH: Record<string, string> = {
  high_rise: '高层建筑',
  hazmat: '危化品单位',
  labour_intensive: '劳动密集型企业',
  medical: '医疗机构',
  nine_small: '九小场所',
  crowded: '人员密集场所',
  other: '其他',
};
const RISK_ZH = ['未知', '一级（低）', '二级', '三级', '四级（高）'];
const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 100) / 100);

export const SITE_COLUMNS: readonly ExportColumn<SiteRow>[] = [
  ['场所编号', (r) => r.code],
  ['场所名称', (r) => r.name],
  ['类别', (r) => CATEGORY_ZH[r.category] ?? r.category],
  ['风险等级', (r) => RISK_ZH[r.riskLevel] ?? String(r.riskLevel)],
  ['乡镇代码', (r) => r.townshipCode],
  ['乡镇', (r) => r.townshipName],
  ['第一出动单位编号', (r) => r.firstUnitCode],
  ['第一出动单位', (r) => r.firstUnitName],
  ['第一出动到达时间(秒)', (r) => r.firstEtaS],
  ['第一出动到达时间(分)', (r) => minutes(r.firstEtaS)],
  ['第二出动单位编号', (r) => r.secondUnitCode],
  ['第二出动单位', (r) => r.secondUnitName],
  ['第二出动到达时间(秒)', (r) => r.secondEtaS],
  ['第二出动到达时间(分)', (r) => minutes(r.secondEtaS)],
  ['经度', (r) => r.lon],
  ['纬度', (r) => r.lat],
];

export function sitesCsv(rows: readonly SiteRow[]): string {
  return tableCsv(SITE_COLUMNS, rows);
}

export function sitesXlsx(rows: readonly SiteRow[], scope: SiteTableOptions['scope']): Promise<Buffer> {
  return tableXlsx(SITE_COLUMNS, rows, scope === 'all' ? '全部场所' : '高风险场所超时');
}

export function sitesFileName(o: Pick<SiteTableOptions, 'scope' | 'township'>, ext: 'csv' | 'xlsx'): string {
  return `station-coverage-sites-${o.scope}${o.township ? `-${o.township}` : ''}.${ext}`;
}
