/**
 * Hydrant planning (issue 5): coverage of every site by the counted hydrants, uncovered and
 * over-spaced stretches of built-up streets, ranked placement proposals, what-if deltas, and
 * accepting proposals as planned hydrants. Loads through db/queries/hydrant-planning.ts and
 * computes with the pure server/analysis modules; keeps one hydrant kd-index per filter.
 */
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import writeXlsxFile from 'write-excel-file/node';
import type { Db } from '../../db/client';
import {
  areaInCounty,
  builtUpRoadEdges,
  type HydrantPoint,
  hydrantIdsExisting,
  hydrantPoints,
  hydrantsNear,
  insertPlannedHydrants,
  locatePoints,
  lockHydrantCodes,
  type SitePoint,
  sitePoints,
  townshipExists,
  townshipSeats,
} from '../../db/queries/hydrant-planning';
import { roadsFingerprint } from '../../db/queries/roads-graph';
import { type HydrantCoverage, hydrantCoverage } from '../analysis/hydrant-coverage';
import { coverageSummary } from '../analysis/hydrant-coverage-summary';
import { HYDRANT_SPACING_M, type HydrantSpacing, hydrantSpacing, SNAP_M } from '../analysis/hydrant-spacing';
import { whatIfAddHydrants, whatIfRemoveHydrants } from '../analysis/hydrant-what-if';
import { type PointSet, pointSet } from '../analysis/kd-index';
import { distanceMetres, toEcef } from '../analysis/metric';
import { CANDIDATE_STEP_M, MIN_DISTANCE_M, placementCandidates } from '../analysis/placement-candidates';
import type { PlacementWeights } from '../analysis/placement-demand';
import { planHydrants } from '../analysis/placement-plan';
import { AnalysisInputError, ConflictError, InvalidParameterError } from '../errors';
import { clipToSeats, mergeStreets, type Street } from './hydrant-streets';

/**
 * Built-up area around each township seat: roads within 700 m of the seat. A 乡镇 seat's
 * built-up core is about 1–1.5 km across, and the demo generator lays seat hydrants within
 * the same 700 m (data/synthetic/hydrants.ts); the county seat is its whole OSM street network.
 */
export const BUILT_UP_SEAT_RADIUS_M = 700;
export const DEFAULT_STATUSES = ['ok'] as const;
/** The 150 m radius and 120 m spacing of GB 50974 are municipal-hydrant rules (DOMAIN.md §2). */
export const DEFAULT_KINDS = ['municipal'] as const;
/** Two hydrants closer than this are one hydrant entered twice (an accept refuses them). */
export const DUPLICATE_M = 5;
/**
 * Default placement weights: a site by risk level 1–4 weighs 1, 2, 4, 8 (unknown = 1), and
 * 150 m of uncovered built-up street weighs as one low-risk site (perMetre 1/150). With the
 * analysis default (1/50) a hydrant that only lines an empty street (up to 300 m covered =
 * 6) outbids one that covers a very-high-risk site (8) plus a bit of street; the officer's
 * question is which sites each hydrant protects, so sites lead and street metres break ties
 * between otherwise similar spots and still pull hydrants onto long empty streets.
 */
export const DEFAULT_PLAN_WEIGHTS: PlacementWeights = { risk: [1, 1, 2, 4, 8], perMetre: 1 / 150 };

export interface HydrantFilter {
  radius: number;
  statuses: readonly string[];
  kinds: readonly string[];
}

interface HydrantSet {
  rows: HydrantPoint[];
  points: PointSet;
}

/** One hydrant index per (database, statuses, kinds); dropped when this service writes hydrants. */
const indexCache = new WeakMap<Db, Map<string, Promise<HydrantSet>>>();

export function invalidateHydrantIndex(db: Db): void {
  indexCache.delete(db);
}

async function hydrantSet(db: Db, filter: HydrantFilter): Promise<HydrantSet> {
  const key = `${[...new Set(filter.statuses)].sort().join(',')}|${[...new Set(filter.kinds)].sort().join(',')}`;
  let byKey = indexCache.get(db);
  if (!byKey) {
    byKey = new Map();
    indexCache.set(db, byKey);
  }
  let entry = byKey.get(key);
  if (!entry) {
    entry = hydrantPoints(db, filter.statuses, filter.kinds).then((rows) => ({ rows, points: pointSet(rows) }));
    byKey.set(key, entry);
    entry.catch(() => byKey.delete(key));
  }
  return entry;
}

/** Whether the index for this filter is cached (tests check the invalidation). */
export function hydrantIndexCached(db: Db, filter: Pick<HydrantFilter, 'statuses' | 'kinds'>): boolean {
  const key = `${[...new Set(filter.statuses)].sort().join(',')}|${[...new Set(filter.kinds)].sort().join(',')}`;
  return indexCache.get(db)?.has(key) ?? false;
}

async function checkTownship(db: Db, township: string | undefined): Promise<void> {
  if (township !== undefined && !(await townshipExists(db, township))) {
    throw new InvalidParameterError(`unknown township ${township}`, { township });
  }
}

const streetCache = new WeakMap<Db, { fingerprint: string; streets: Promise<Street[]> }>();

/**
 * Built-up streets, built once per road network (the routing graph's fingerprint: count, max id,
 * length and classes of the roads) — every coverage, plan and what-if call needs them.
 */
export async function builtUpStreets(db: Db): Promise<Street[]> {
  const fingerprint = await roadsFingerprint(db);
  const held = streetCache.get(db);
  if (held && held.fingerprint === fingerprint) return held.streets;
  const streets = buildBuiltUpStreets(db);
  streetCache.set(db, { fingerprint, streets });
  streets.catch(() => streetCache.delete(db));
  return streets;
}

/** Built-up streets: OSM edges whole, other edges clipped around the seats, merged into streets. */
async function buildBuiltUpStreets(db: Db): Promise<Street[]> {
  const [edges, seats] = await Promise.all([builtUpRoadEdges(db, BUILT_UP_SEAT_RADIUS_M), townshipSeats(db)]);
  const pieces = edges.flatMap((e) =>
    e.source === 'osm'
      ? [{ name: e.name, township: e.township, coordinates: e.geom.coordinates }]
      : clipToSeats({ name: e.name, township: null, coordinates: e.geom.coordinates }, seats, BUILT_UP_SEAT_RADIUS_M),
  );
  return mergeStreets(pieces);
}

function assumptions(filter: HydrantFilter) {
  return {
    radiusM: filter.radius,
    statuses: [...filter.statuses],
    kinds: [...filter.kinds],
    distance: 'WGS84 ellipsoid metres, as PostGIS ST_Distance(geography)',
    spacingM: HYDRANT_SPACING_M,
    snapM: SNAP_M,
    builtUp: `roads with source 'osm' (the county-seat street network), plus every other road clipped to within ${BUILT_UP_SEAT_RADIUS_M} m of a township seat; edges merged into streets by name and township, end to end`,
  };
}

// ---------------------------------------------------------------------------------------------
// Coverage

export interface CoverageParams extends HydrantFilter {
  township?: string;
  limit: number;
}

export interface UncoveredSiteRow {
  rank: number;
  id: number;
  code: string;
  name: string;
  category: string;
  riskLevel: number;
  township: string;
  townshipName: string | null;
  nearestHydrant: { id: number; code: string } | null;
  distanceM: number | null;
  lon: number;
  lat: number;
}

function stretchFeatures(
  spacing: HydrantSpacing,
  streets: readonly Street[],
): FeatureCollection<LineString, Record<string, unknown>> {
  const features: Feature<LineString, Record<string, unknown>>[] = [];
  for (const [kind, list] of [
    ['uncovered', spacing.uncovered],
    ['spacing_gap', spacing.spacingGaps],
  ] as const) {
    for (const s of list) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: s.coordinates },
        properties: {
          kind,
          street: streets[s.road]?.name ?? null,
          township: s.township,
          fromM: s.fromM,
          toM: s.toM,
          lengthM: s.lengthM,
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

export async function hydrantCoverageReport(db: Db, params: CoverageParams) {
  await checkTownship(db, params.township);
  const [hs, sites, seats, allStreets] = await Promise.all([
    hydrantSet(db, params),
    sitePoints(db, params.township),
    townshipSeats(db),
    builtUpStreets(db),
  ]);
  const names = new Map(seats.map((s) => [s.code, s.name]));
  const coverage = hydrantCoverage(sites, hs.points, params.radius);
  const summary = coverageSummary(sites, coverage);
  const streets = params.township === undefined ? allStreets : allStreets.filter((s) => s.township === params.township);
  const spacing = hydrantSpacing(streets, hs.points, { radiusM: params.radius });
  const uncovered = summary.uncovered.map((u, k): UncoveredSiteRow => {
    const site = sites[u.site] as SitePoint;
    const h = u.hydrant >= 0 ? (hs.rows[u.hydrant] as HydrantPoint) : undefined;
    return {
      rank: k + 1,
      id: site.id,
      code: site.code,
      name: site.name,
      category: site.category,
      riskLevel: site.riskLevel,
      township: site.township,
      townshipName: names.get(site.township) ?? null,
      nearestHydrant: h ? { id: h.id, code: h.code } : null,
      distanceM: Number.isFinite(u.distanceM) ? u.distanceM : null,
      lon: site.lon,
      lat: site.lat,
    };
  });
  const road = spacing.byTownship.reduce(
    (t, r) => ({
      roadM: t.roadM + r.roadM,
      uncoveredM: t.uncoveredM + r.uncoveredM,
      spacingGapM: t.spacingGapM + r.spacingGapM,
    }),
    { roadM: 0, uncoveredM: 0, spacingGapM: 0 },
  );
  const byRisk = new Map<number, number>();
  for (const u of uncovered) byRisk.set(u.riskLevel, (byRisk.get(u.riskLevel) ?? 0) + 1);
  return {
    assumptions: { ...assumptions(params), township: params.township ?? null },
    hydrants: hs.rows.length,
    summary: {
      sites: summary.sites,
      covered: summary.covered,
      percent: summary.percent,
      byTownship: summary.byTownship.map((g) => ({ ...g, name: names.get(g.key) ?? null })),
      byCategory: summary.byCategory,
      /** Uncovered sites per risk level, highest first (every uncovered site, whatever `limit`). */
      uncoveredByRisk: [...byRisk].sort(([a], [b]) => b - a).map(([riskLevel, count]) => ({ riskLevel, count })),
    },
    /** The counted hydrants (the ones whose protection circles the map draws). */
    countedHydrants: hs.rows.map((h) => ({ id: h.id, code: h.code, lon: h.lon, lat: h.lat })),
    uncoveredTotal: uncovered.length,
    uncovered: uncovered.slice(0, params.limit),
    roads: {
      totals: road,
      byTownship: spacing.byTownship.map((t) => ({ ...t, name: names.get(t.township) ?? null })),
      stretches: stretchFeatures(spacing, streets),
    },
  };
}

export type CoverageReport = Awaited<ReturnType<typeof hydrantCoverageReport>>;

const CATEGORY_ZH: Record<string, string> = {
  high_rise: '高层建筑',
  hazmat: '易燃易爆场所',
  labour_intensive: '劳动密集型企业',
  medical: '医疗机构',
  nine_small: '九小场所',
  crowded: '人员密集场所',
  other: '其他',
};
const RISK_ZH = ['未知', '低', '中', '高', '极高'];

const UNCOVERED_COLUMNS: ExportColumn<UncoveredSiteRow>[] = [
  ['序号', (u) => u.rank],
  ['场所编号', (u) => u.code],
  ['场所名称', (u) => u.name],
  ['类别', (u) => CATEGORY_ZH[u.category] ?? u.category],
  ['风险等级', (u) => RISK_ZH[u.riskLevel] ?? String(u.riskLevel)],
  ['乡镇代码', (u) => u.township],
  ['乡镇', (u) => u.townshipName],
  ['最近消火栓', (u) => u.nearestHydrant?.code ?? null],
  ['距离(米)', (u) => (u.distanceM === null ? null : Math.round(u.distanceM * 10) / 10)],
];

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // A text cell starting like a formula would run in Excel: keep it text.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A column of an export: Chinese header and the cell of one row. */
export type ExportColumn<R> = readonly [string, (row: R) => string | number | null];

/** Rows as CSV: UTF-8 with BOM, CRLF, the columns' headers (Excel opens it as is). */
export function tableCsv<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): string {
  const lines = [columns.map(([h]) => csvCell(h)).join(',')];
  for (const r of rows) lines.push(columns.map(([, f]) => csvCell(f(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same rows as one .xlsx sheet, numbers as numbers. */
export async function tableXlsx<R>(columns: readonly ExportColumn<R>[], rows: readonly R[], sheet: string) {
  const header = columns.map(([h]) => ({ value: h, fontWeight: 'bold' as const }));
  const body = rows.map((r) =>
    columns.map(([, f]) => {
      const v = f(r);
      return v === null ? null : typeof v === 'number' ? { type: Number, value: v } : { type: String, value: v };
    }),
  );
  return writeXlsxFile([header, ...body], { sheet }).toBuffer();
}

/** Every uncovered site, riskiest first. */
export function uncoveredCsv(rows: readonly UncoveredSiteRow[]): string {
  return tableCsv(UNCOVERED_COLUMNS, rows);
}

/** Every uncovered site as a point for field teams' GIS or phone maps, riskiest first. */
export function uncoveredGeojson(rows: readonly UncoveredSiteRow[]): FeatureCollection<Point, Record<string, unknown>> {
  return {
    type: 'FeatureCollection',
    features: rows.map(({ lon, lat, nearestHydrant, ...r }) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { ...r, nearestHydrant: nearestHydrant?.code ?? null },
    })),
  };
}

export async function uncoveredXlsx(rows: readonly UncoveredSiteRow[]): Promise<Buffer> {
  return tableXlsx(UNCOVERED_COLUMNS, rows, '未覆盖场所');
}

// ---------------------------------------------------------------------------------------------
// Placement

export interface PlanParams extends HydrantFilter {
  count: number;
  township?: string;
  area?: Polygon;
  minDistance?: number;
  weights?: { risk?: readonly number[]; perMetre?: number };
  /** 'plain' runs the textbook greedy (same answer, slower) — for checking. */
  greedy?: 'lazy' | 'plain';
}

function planWeights(w: PlanParams['weights']): PlacementWeights {
  if (!w) return DEFAULT_PLAN_WEIGHTS;
  const risk = w.risk ? [w.risk[0] as number, ...w.risk] : DEFAULT_PLAN_WEIGHTS.risk;
  return { risk, perMetre: w.perMetre ?? DEFAULT_PLAN_WEIGHTS.perMetre };
}

export async function planHydrantProposals(db: Db, params: PlanParams) {
  await checkTownship(db, params.township);
  if (params.area) {
    const check = await areaInCounty(db, params.area);
    if (!check.valid) throw new InvalidParameterError('area: the polygon is not valid (self-intersecting?)');
    if (!check.inside) throw new AnalysisInputError('area: the polygon lies outside the county');
  }
  const [hs, sites, seats, streets] = await Promise.all([
    hydrantSet(db, params),
    sitePoints(db),
    townshipSeats(db),
    builtUpStreets(db),
  ]);
  const names = new Map(seats.map((s) => [s.code, s.name]));
  const weights = planWeights(params.weights);
  const minDistanceM = params.minDistance ?? MIN_DISTANCE_M;
  const siteXyz = toEcef(sites);
  const coverage = hydrantCoverage(siteXyz, hs.points, params.radius);
  const spacing = hydrantSpacing(streets, hs.points, { radiusM: params.radius });
  const candidates = placementCandidates(streets, hs.points, {
    minDistanceM,
    area: params.area,
    townships: params.township === undefined ? undefined : [params.township],
  });
  const proposals =
    candidates.length === 0
      ? []
      : planHydrants(
          { sites, coverage, stretches: spacing.uncovered, candidates },
          { radiusM: params.radius, weights, count: params.count, greedy: params.greedy },
        );
  const after = whatIfAddHydrants(siteXyz, hs.points, coverage, proposals).coverage;
  const spacingAfter = hydrantSpacing(streets, [...hs.rows, ...proposals], { radiusM: params.radius });
  const totals = (c: HydrantCoverage, s: HydrantSpacing) => ({
    sitesCovered: c.coveredCount,
    sitesPercent: sites.length === 0 ? 100 : (100 * c.coveredCount) / sites.length,
    ...roadTotals(s),
  });
  const rows = proposals.map((p): ProposalRow => {
    const street = streets[candidates[p.candidate]?.road ?? -1];
    return {
      rank: p.rank,
      lon: p.lon,
      lat: p.lat,
      township: p.township,
      townshipName: p.township === null ? null : (names.get(p.township) ?? null),
      roadName: street?.name ?? null,
      gain: {
        weighted: p.gain,
        sites: p.sites.length,
        sitesByCategory: p.sitesByCategory,
        siteIds: p.sites.map((i) => (sites[i] as SitePoint).id),
        roadM: p.roadM,
      },
    };
  });
  return {
    assumptions: {
      ...assumptions(params),
      count: params.count,
      township: params.township ?? null,
      area: params.area ?? null,
      weights: { risk: weights.risk.slice(1), unknownRisk: weights.risk[0], perMetre: weights.perMetre },
      candidateStepM: CANDIDATE_STEP_M,
      minDistanceM,
      candidates: candidates.length,
      greedy: params.greedy ?? 'lazy',
    },
    before: totals(coverage, spacing),
    after: totals(after, spacingAfter),
    proposals: rows,
    geojson: proposalsGeojson(rows),
  };
}

export type HydrantPlan = Awaited<ReturnType<typeof planHydrantProposals>>;

export interface ProposalRow {
  rank: number;
  lon: number;
  lat: number;
  township: string | null;
  townshipName: string | null;
  roadName: string | null;
  gain: {
    weighted: number;
    sites: number;
    sitesByCategory: Record<string, number>;
    siteIds: number[];
    roadM: number;
  };
}

/** Built-up street metres: all, outside every protection circle, and in over-spaced stretches. */
function roadTotals(s: HydrantSpacing) {
  return {
    roadM: s.byTownship.reduce((a, t) => a + t.roadM, 0),
    uncoveredRoadM: s.byTownship.reduce((a, t) => a + t.uncoveredM, 0),
    spacingGapM: s.byTownship.reduce((a, t) => a + t.spacingGapM, 0),
  };
}

const CATEGORIES = Object.keys(CATEGORY_ZH);

/** Proposals as points for field teams: rank, place and what each one buys. */
export function proposalsGeojson(rows: readonly ProposalRow[]): FeatureCollection<Point, Record<string, unknown>> {
  const features: Feature<Point, Record<string, unknown>>[] = rows.map((r) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    properties: {
      rank: r.rank,
      township: r.township,
      townshipName: r.townshipName,
      roadName: r.roadName,
      gainSites: r.gain.sites,
      gainRoadM: r.gain.roadM,
      gainWeighted: r.gain.weighted,
      sitesByCategory: r.gain.sitesByCategory,
    },
  }));
  return { type: 'FeatureCollection', features };
}

const PROPOSAL_COLUMNS: ExportColumn<ProposalRow>[] = [
  ['序号', (p) => p.rank],
  ['乡镇代码', (p) => p.township],
  ['乡镇', (p) => p.townshipName],
  ['道路', (p) => p.roadName],
  ['经度', (p) => p.lon],
  ['纬度', (p) => p.lat],
  ['新增覆盖场所', (p) => p.gain.sites],
  ...CATEGORIES.map((c): ExportColumn<ProposalRow> => [`其中${CATEGORY_ZH[c]}`, (p) => p.gain.sitesByCategory[c] ?? 0]),
  ['新增覆盖道路(米)', (p) => Math.round(p.gain.roadM * 10) / 10],
  ['加权增益', (p) => Math.round(p.gain.weighted * 1000) / 1000],
];

export interface ExportParams extends PlanParams {
  /** Only these ranks of the plan (the panel's working set, rejected ones left out). */
  ranks?: readonly number[];
}

/** The plan for `params`, narrowed to `ranks`: rows keep their rank and gain in the whole plan. */
async function exportedProposals(db: Db, params: ExportParams): Promise<ProposalRow[]> {
  const plan = await planHydrantProposals(db, params);
  if (params.ranks === undefined) return plan.proposals;
  const keep = new Set(params.ranks);
  return plan.proposals.filter((p) => keep.has(p.rank));
}

export async function proposalsCsv(db: Db, params: ExportParams): Promise<string> {
  return tableCsv(PROPOSAL_COLUMNS, await exportedProposals(db, params));
}

export async function proposalsXlsx(db: Db, params: ExportParams): Promise<Buffer> {
  return tableXlsx(PROPOSAL_COLUMNS, await exportedProposals(db, params), '消火栓建议点位');
}

export async function proposalsGeojsonExport(db: Db, params: ExportParams) {
  return proposalsGeojson(await exportedProposals(db, params));
}

// ---------------------------------------------------------------------------------------------
// What-if

export interface WhatIfParams extends HydrantFilter {
  add: readonly [number, number][];
  faulty: readonly number[];
}

export async function hydrantWhatIf(db: Db, params: WhatIfParams) {
  const faulty = [...new Set(params.faulty)];
  const existing = new Set(await hydrantIdsExisting(db, faulty));
  const unknown = faulty.filter((id) => !existing.has(id));
  if (unknown.length > 0) throw new InvalidParameterError(`unknown hydrant ids: ${unknown.join(', ')}`, { unknown });
  const [hs, sites, seats, streets] = await Promise.all([
    hydrantSet(db, params),
    sitePoints(db),
    townshipSeats(db),
    builtUpStreets(db),
  ]);
  const names = new Map(seats.map((s) => [s.code, s.name]));
  const indexOf = new Map(hs.rows.map((h, i) => [h.id, i]));
  const removed = faulty.flatMap((id) => (indexOf.has(id) ? [indexOf.get(id) as number] : []));
  const notCounted = faulty.filter((id) => !indexOf.has(id));
  const xyz = toEcef(sites);
  const before = hydrantCoverage(xyz, hs.points, params.radius);
  const mid = removed.length > 0 ? whatIfRemoveHydrants(xyz, hs.points, before, removed).coverage : before;
  const after =
    params.add.length > 0
      ? whatIfAddHydrants(
          xyz,
          hs.points,
          mid,
          params.add.map(([lon, lat]) => ({ lon, lat })),
        ).coverage
      : mid;
  const newlyCovered: number[] = [];
  const newlyUncovered: number[] = [];
  const byTownship = new Map<string, { before: number; after: number; sites: number }>();
  sites.forEach((s, i) => {
    const b = before.covered[i] as number;
    const a = after.covered[i] as number;
    if (a && !b) newlyCovered.push(i);
    if (b && !a) newlyUncovered.push(i);
    const t = byTownship.get(s.township) ?? { before: 0, after: 0, sites: 0 };
    t.before += b;
    t.after += a;
    t.sites++;
    byTownship.set(s.township, t);
  });
  const describe = (i: number) => {
    const s = sites[i] as SitePoint;
    const j = after.nearest[i] as number;
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      category: s.category,
      riskLevel: s.riskLevel,
      township: s.township,
      distanceBeforeM: Number.isFinite(before.distanceM[i]) ? before.distanceM[i] : null,
      distanceAfterM: Number.isFinite(after.distanceM[i]) ? after.distanceM[i] : null,
      nearestAfter:
        j < 0 ? null : j < hs.rows.length ? (hs.rows[j] as HydrantPoint).code : { added: j - hs.rows.length },
    };
  };
  const pct = (n: number) => (sites.length === 0 ? 100 : (100 * n) / sites.length);
  // Net change per category and risk level (newly covered minus newly uncovered).
  const byCategory: Record<string, number> = {};
  const byRisk: Record<string, number> = {};
  for (const [list, sign] of [
    [newlyCovered, 1],
    [newlyUncovered, -1],
  ] as const) {
    for (const i of list) {
      const s = sites[i] as SitePoint;
      byCategory[s.category] = (byCategory[s.category] ?? 0) + sign;
      byRisk[s.riskLevel] = (byRisk[s.riskLevel] ?? 0) + sign;
    }
  }
  const removedSet = new Set(removed);
  const spacingBefore = hydrantSpacing(streets, hs.points, { radiusM: params.radius });
  const spacingAfter =
    params.add.length === 0 && removed.length === 0
      ? spacingBefore
      : hydrantSpacing(
          streets,
          [...hs.rows.filter((_, i) => !removedSet.has(i)), ...params.add.map(([lon, lat]) => ({ lon, lat }))],
          { radiusM: params.radius },
        );
  return {
    assumptions: assumptions(params),
    notCounted,
    before: { covered: before.coveredCount, percent: pct(before.coveredCount), ...roadTotals(spacingBefore) },
    after: { covered: after.coveredCount, percent: pct(after.coveredCount), ...roadTotals(spacingAfter) },
    delta: after.coveredCount - before.coveredCount,
    /** Net sites gained (+) or lost (−) per category and per risk level (1–4). */
    deltaByCategory: byCategory,
    deltaByRisk: byRisk,
    newlyCovered: newlyCovered.map(describe),
    newlyUncovered: newlyUncovered.map(describe),
    byTownship: [...byTownship]
      .filter(([, t]) => t.before !== t.after)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, t]) => ({ township: code, name: names.get(code) ?? null, ...t, delta: t.after - t.before })),
  };
}

// ---------------------------------------------------------------------------------------------
// Accept

export interface AcceptItem {
  lon: number;
  lat: number;
  roadName?: string | null;
}

/**
 * Saves proposals as planned municipal hydrants in one transaction: every point must lie in
 * the county and be no duplicate (within DUPLICATE_M of another item or of any hydrant),
 * else nothing is written. Codes continue the HY-nnnn numbering.
 */
export async function acceptHydrantProposals(
  db: Db,
  items: readonly AcceptItem[],
  /** Checks each new hydrant's township before anything is written (the township scope). */
  guard: (township: string | null) => void = () => {},
) {
  const points = items.map((p) => [p.lon, p.lat] as [number, number]);
  const located = await locatePoints(db, points);
  for (const l of located) guard(l.township ?? null);
  const outside = located.filter((l) => l.adcode === null).map((l) => l.i);
  if (outside.length > 0) {
    throw new AnalysisInputError(`proposals outside the county: items ${outside.join(', ')}`, { outside });
  }
  const twins: [number, number][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (distanceMetres(items[i] as AcceptItem, items[j] as AcceptItem) < DUPLICATE_M) twins.push([i, j]);
    }
  }
  if (twins.length > 0) {
    throw new ConflictError(`duplicate proposals (closer than ${DUPLICATE_M} m): ${JSON.stringify(twins)}`, { twins });
  }
  const inserted = await db.transaction(async (tx) => {
    const maxCode = await lockHydrantCodes(tx);
    const near = await hydrantsNear(tx, points, DUPLICATE_M);
    if (near.length > 0) {
      throw new ConflictError(`proposals duplicate existing hydrants (closer than ${DUPLICATE_M} m)`, {
        duplicates: near,
      });
    }
    const width = Math.max(4, String(maxCode + items.length).length);
    return insertPlannedHydrants(
      tx,
      items.map((p, k) => ({
        adcode: located[k]?.adcode as string,
        township: located[k]?.township ?? null,
        code: `HY-${String(maxCode + k + 1).padStart(width, '0')}`,
        lon: p.lon,
        lat: p.lat,
        roadName: p.roadName ?? null,
      })),
    );
  });
  invalidateHydrantIndex(db);
  return { inserted };
}
