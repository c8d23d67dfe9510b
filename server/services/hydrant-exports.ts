/**
 * Hydrant planning files: the uncovered sites and the placement proposals as CSV (UTF-8 with
 * BOM), .xlsx and GeoJSON, headers in the export's language, labels from the one label table.
 */
import type { Db } from '../../db/client';
import { type BilingualColumn, columnsIn } from '../export/columns';
import { tableCsv } from '../export/csv';
import { pointCollection } from '../export/geojson';
import { codesOf, type ExportLang, label } from '../export/labels';
import { tableXlsx } from '../export/xlsx';
import type { UncoveredSiteRow } from './hydrant-coverage-report';
import { type PlanParams, type ProposalRow, planHydrantProposals, proposalsGeojson } from './hydrant-plan';

export const UNCOVERED_COLUMNS: readonly BilingualColumn<UncoveredSiteRow>[] = [
  [{ zh: '序号', en: 'Rank' }, (u) => u.rank],
  [{ zh: '场所编号', en: 'Site code' }, (u) => u.code],
  [{ zh: '场所名称', en: 'Site name' }, (u) => u.name],
  [{ zh: '类别', en: 'Category' }, (u, lang) => label(lang, 'siteCategory', u.category)],
  [{ zh: '风险等级', en: 'Risk level' }, (u, lang) => label(lang, 'risk', u.riskLevel)],
  [{ zh: '乡镇代码', en: 'Township code' }, (u) => u.township],
  [{ zh: '乡镇', en: 'Township' }, (u) => u.townshipName],
  [{ zh: '最近消火栓', en: 'Nearest hydrant' }, (u) => u.nearestHydrant?.code ?? null],
  [{ zh: '距离(米)', en: 'Distance (m)' }, (u) => (u.distanceM === null ? null : Math.round(u.distanceM * 10) / 10)],
];

/** Every uncovered site, riskiest first. */
export function uncoveredCsv(rows: readonly UncoveredSiteRow[], lang: ExportLang = 'zh'): string {
  return tableCsv(columnsIn(UNCOVERED_COLUMNS, lang), rows);
}

export async function uncoveredXlsx(rows: readonly UncoveredSiteRow[], lang: ExportLang = 'zh'): Promise<Buffer> {
  return tableXlsx(columnsIn(UNCOVERED_COLUMNS, lang), rows, lang === 'en' ? 'Uncovered sites' : '未覆盖场所');
}

/** Every uncovered site as a point for field teams' GIS or phone maps, riskiest first. */
export function uncoveredGeojson(rows: readonly UncoveredSiteRow[]) {
  return pointCollection(
    rows,
    (r) => [r.lon, r.lat],
    ({ lon: _lon, lat: _lat, nearestHydrant, ...r }) => ({ ...r, nearestHydrant: nearestHydrant?.code ?? null }),
  );
}

export const PROPOSAL_COLUMNS: readonly BilingualColumn<ProposalRow>[] = [
  [{ zh: '序号', en: 'Rank' }, (p) => p.rank],
  [{ zh: '乡镇代码', en: 'Township code' }, (p) => p.township],
  [{ zh: '乡镇', en: 'Township' }, (p) => p.townshipName],
  [{ zh: '道路', en: 'Road' }, (p) => p.roadName],
  [{ zh: '经度', en: 'Longitude' }, (p) => p.lon],
  [{ zh: '纬度', en: 'Latitude' }, (p) => p.lat],
  [{ zh: '新增覆盖场所', en: 'Sites newly covered' }, (p) => p.gain.sites],
  ...codesOf('siteCategory').map(
    (c): BilingualColumn<ProposalRow> => [
      { zh: `其中${label('zh', 'siteCategory', c)}`, en: `of which ${label('en', 'siteCategory', c)}` },
      (p) => p.gain.sitesByCategory[c] ?? 0,
    ],
  ),
  [{ zh: '新增覆盖道路(米)', en: 'Street newly covered (m)' }, (p) => Math.round(p.gain.roadM * 10) / 10],
  [{ zh: '加权增益', en: 'Weighted gain' }, (p) => Math.round(p.gain.weighted * 1000) / 1000],
];

export interface ExportParams extends PlanParams {
  /** Only these ranks of the plan (the panel's working set, rejected ones left out). */
  ranks?: readonly number[];
  /** Headers and labels: Chinese (default) or English. */
  lang?: ExportLang;
}

/** The plan for `params`, narrowed to `ranks`: rows keep their rank and gain in the whole plan. */
async function exportedProposals(db: Db, params: ExportParams): Promise<ProposalRow[]> {
  const { lang: _lang, ranks, ...plan } = params;
  const { proposals } = await planHydrantProposals(db, plan);
  if (ranks === undefined) return proposals;
  const keep = new Set(ranks);
  return proposals.filter((p) => keep.has(p.rank));
}

export async function proposalsCsv(db: Db, params: ExportParams): Promise<string> {
  return tableCsv(columnsIn(PROPOSAL_COLUMNS, params.lang ?? 'zh'), await exportedProposals(db, params));
}

export async function proposalsXlsx(db: Db, params: ExportParams): Promise<Buffer> {
  const lang = params.lang ?? 'zh';
  return tableXlsx(
    columnsIn(PROPOSAL_COLUMNS, lang),
    await exportedProposals(db, params),
    lang === 'en' ? 'Hydrant proposals' : '消火栓建议点位',
  );
}

export async function proposalsGeojsonExport(db: Db, params: ExportParams) {
  return proposalsGeojson(await exportedProposals(db, params));
}
