/**
 * The per-site table of station coverage (issue 4): every site's first- and second-due unit
 * and ETA under a coverage query, narrowed to a scope (all sites, or high-risk sites outside a
 * threshold) and a township, sorted and paged for the panel (whole for the exports,
 * station-sites-export.ts). The ETAs are the same evaluation as GET /api/coverage/stations.
 */
import type { Db } from '../../db/client';
import { finite } from '../analysis/coverage-cells';
import { HIGH_RISK } from '../analysis/coverage-standards';
import type { SiteSortKey } from '../schemas/coverage-stations';
import { type CoverageOptions, type Evaluation, evaluate, unitsOfQuery } from './station-evaluation';
import { type StationNetwork, stationNetwork } from './station-network';
import { type SiteRef, siteRef, townshipNames } from './station-site-ref';
import { refuseOffNetworkHypotheticals } from './station-snap';

export interface SiteTableOptions
  extends Pick<
    CoverageOptions,
    'county' | 'units' | 'includeBuilt' | 'scenario' | 'turnout' | 'cellM' | 'offRoad' | 'hypothetical'
  > {
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

/** Sorted rows per evaluation (held while the evaluation is) and per scope, township and order. */
const sortedRows = new WeakMap<Evaluation, Map<string, SiteRow[]>>();
const ROW_ORDERS_HELD = 16;

/** Every row of the scope, sorted: built once per evaluation and order, then sliced per page. */
export async function stationSiteRows(db: Db, o: SiteTableOptions): Promise<SiteRow[]> {
  const { county, units } = await unitsOfQuery(db, o);
  const { network } = await stationNetwork(db, county);
  refuseOffNetworkHypotheticals(network, units, o.offRoad.maxM);
  const ev = evaluate(network, units, o.cellM, o.offRoad);
  let held = sortedRows.get(ev);
  if (!held) {
    held = new Map();
    sortedRows.set(ev, held);
  }
  const key = JSON.stringify([o.scope, o.thresholdS, o.township ?? null, o.sort, o.dir]);
  let rows = held.get(key);
  if (!rows) {
    rows = buildRows(network, ev, o);
    held.set(key, rows);
    if (held.size > ROW_ORDERS_HELD) held.delete(held.keys().next().value as string);
  }
  return rows;
}

function buildRows(network: StationNetwork, ev: Evaluation, o: SiteTableOptions): SiteRow[] {
  const { units } = ev;
  const names = townshipNames(network);
  const second = ev.shownSites.secondTimeS as Float64Array;
  const secondSource = ev.shownSites.secondSource as Int32Array;
  const rows: SiteRow[] = [];
  network.sites.forEach((s, i) => {
    if (o.township !== undefined && s.townshipCode !== o.township) return;
    const t = ev.shownSites.timeS[i] as number;
    if (o.scope === 'high_risk_outside' && (s.riskLevel < HIGH_RISK || t <= o.thresholdS)) return;
    const first = units[ev.shownSites.source[i] as number];
    const next = units[secondSource[i] as number];
    rows.push({
      ...siteRef(s, names),
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
