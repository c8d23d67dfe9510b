/**
 * State of the 隐患密度 panel (issue 6): the window (presets relative to the data's as-of date,
 * never today), the metric, the class breaks, the heat map, and the server's answers. The
 * choropleth and heat layers get their data from here, replaced whole when an answer changes.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import {
  fetchHazardHeat,
  fetchTownshipStats,
  fetchTownshipTrend,
  type HazardHeat,
  type StatMetric,
  type StatsQuery,
  statsExportUrl,
  type TownshipStats,
  type TownshipTrend,
} from '../../api';
import { errorMessage as message } from '../../api-error';
import type { ChoroplethProps } from '../../map/layers/township-choropleth';
import type { Atlas } from '../../state/atlas.svelte';

export type WindowPreset = 'week' | 'month' | 'year' | 'report' | 'custom';
export const windowPresets: readonly WindowPreset[] = ['week', 'month', 'year', 'report', 'custom'];
export type BreaksKind = 'quantile' | 'natural';
export type HeatMode = 'off' | 'all' | 'open';

/** The window of the 2023 half-year report (DOMAIN.md: figures to 24 July). */
export const reportWindow = { from: '2023-01-01', to: '2023-07-24' } as const;

/** Every metric the server ranks by, in the picker's order (a missing one fails the type check). */
const metricOrder = {
  found: 0,
  rectified: 1,
  verified: 2,
  open: 3,
  overdue: 4,
  foundPerKm2: 5,
  foundPer100Sites: 6,
  rectifiedRate: 7,
  rebounds: 8,
  reboundRate: 9,
  fines: 10,
  fineYuan: 11,
  enforcement: 12,
} satisfies Record<StatMetric, number>;
export const metrics = Object.keys(metricOrder) as StatMetric[];

/**
 * What a higher value means, for colouring a township's move up the ranking: more open, overdue
 * or rebounding hazards is worse, more rectified and verified is better; finding hazards and
 * enforcing are work done, neither good nor bad by themselves.
 */
const higherIs = {
  found: 'neutral',
  rectified: 'better',
  verified: 'better',
  open: 'worse',
  overdue: 'worse',
  foundPerKm2: 'neutral',
  foundPer100Sites: 'neutral',
  rectifiedRate: 'better',
  rebounds: 'worse',
  reboundRate: 'worse',
  fines: 'neutral',
  fineYuan: 'neutral',
  enforcement: 'neutral',
} as const satisfies Record<StatMetric, 'better' | 'worse' | 'neutral'>;

/** How a move in the ranking reads: 'good', 'bad' or 'neutral' (a rank change of 0 is neutral). */
export function moveTone(metric: StatMetric, rankChange: number): 'good' | 'bad' | 'neutral' {
  const sense = higherIs[metric];
  if (rankChange === 0 || sense === 'neutral') return 'neutral';
  return rankChange > 0 === (sense === 'better') ? 'good' : 'bad';
}

/** Metrics that are ratios in [0, 1], shown as percentages. */
export const rateMetrics: ReadonlySet<StatMetric> = new Set(['rectifiedRate', 'reboundRate']);

const DAY_MS = 86_400_000;
const parse = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Calendar week (Monday first), month or year to date, ending at the as-of date.
 * `presetWindow('week', '2023-12-31')` → `{ from: '2023-12-25', to: '2023-12-31' }`.
 */
export function presetWindow(preset: Exclude<WindowPreset, 'custom'>, asOf: string): { from: string; to: string } {
  if (preset === 'report') return { ...reportWindow };
  if (preset === 'year') return { from: `${asOf.slice(0, 4)}-01-01`, to: asOf };
  if (preset === 'month') return { from: `${asOf.slice(0, 7)}-01`, to: asOf };
  const weekday = (new Date(parse(asOf)).getUTCDay() + 6) % 7; // Monday = 0
  return { from: iso(parse(asOf) - weekday * DAY_MS), to: asOf };
}

export class HazardDensity {
  preset = $state<WindowPreset>('week');
  customFrom = $state('');
  customTo = $state('');
  metric = $state<StatMetric>('found');
  breaks = $state<BreaksKind>('quantile');
  heat = $state<HeatMode>('off');

  stats = $state.raw<TownshipStats | undefined>(undefined);
  heatData = $state.raw<HazardHeat | undefined>(undefined);
  trend = $state.raw<TownshipTrend | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  loading = $state(false);

  constructor(readonly atlas: Atlas) {}

  asOf = $derived.by(() => this.atlas.health?.datasets[0]?.asOf);

  /** The chosen window, or undefined until the as-of date is known (or a custom one is invalid). */
  window = $derived.by(() => {
    if (this.preset === 'custom') {
      const { customFrom: from, customTo: to } = this;
      return from && to && from <= to && (!this.asOf || to <= this.asOf) ? { from, to } : undefined;
    }
    return this.asOf ? presetWindow(this.preset, this.asOf) : undefined;
  });

  query = $derived.by<StatsQuery | undefined>(() => {
    const county = this.atlas.countyParam;
    return this.window && { ...this.window, metric: this.metric, ...(county ? { county } : {}) };
  });

  exportUrl(ext: 'csv' | 'xlsx'): string | undefined {
    return this.query && statsExportUrl(ext, this.query);
  }

  choosePreset(preset: WindowPreset): void {
    if (preset === 'custom' && this.window && !this.customFrom) {
      this.customFrom = this.window.from;
      this.customTo = this.window.to;
    }
    this.preset = preset;
  }

  /** The township outlines joined with the statistics; class under the chosen breaks. */
  choropleth = $derived.by<FeatureCollection | undefined>(() => {
    const stats = this.stats;
    if (!stats) return undefined;
    const byCode = new Map(stats.townships.map((t) => [t.code, t]));
    const features: Feature[] = [];
    for (const f of this.atlas.layer('townships').features) {
      const code = String((f.properties as { code: string }).code);
      const t = byCode.get(code);
      if (!t) continue;
      const properties: ChoroplethProps = {
        id: code,
        code,
        name: t.name,
        value: t.value,
        class: t.classes[this.breaks] ?? -1,
        rank: t.rank,
      };
      features.push({ type: 'Feature', id: code, properties, geometry: f.geometry });
    }
    return { type: 'FeatureCollection', features };
  });

  heatPoints = $derived.by<FeatureCollection<Point> | undefined>(() => {
    const heat = this.heatData;
    if (!heat) return undefined;
    return {
      type: 'FeatureCollection',
      features: heat.points.map(([lng, lat, n]) => ({
        type: 'Feature',
        properties: { n },
        geometry: { type: 'Point', coordinates: [lng, lat] },
      })),
    };
  });

  /**
   * Whether the previous window holds any data: before the data starts (the report window's
   * previous half-year) every township ties at rank 1 and the changes compare against nothing.
   */
  hasPrevious = $derived((this.stats?.county.previous.found ?? 0) > 0);

  /** The selected township's row (the map's chosen township). */
  selected = $derived(this.stats?.townships.find((t) => t.code === this.atlas.township));

  #statsRequest = 0;
  async loadStats(q: StatsQuery): Promise<void> {
    const n = ++this.#statsRequest;
    this.loading = true;
    try {
      const stats = await fetchTownshipStats(q);
      if (n !== this.#statsRequest) return;
      this.stats = stats;
      this.error = undefined;
    } catch (err) {
      if (n === this.#statsRequest) this.error = message(err);
    } finally {
      if (n === this.#statsRequest) this.loading = false;
    }
  }

  #heatRequest = 0;
  async loadHeat(state: 'all' | 'open', w: { from: string; to: string }): Promise<void> {
    const n = ++this.#heatRequest;
    try {
      const county = this.atlas.countyParam;
      const heat = await fetchHazardHeat({ state, ...w, ...(county ? { county } : {}) });
      if (n === this.#heatRequest) this.heatData = heat;
    } catch (err) {
      if (n === this.#heatRequest) this.error = message(err);
    }
  }

  #trendRequest = 0;
  /** Weekly trend of a township: the window, or the 12 weeks to its end when it is shorter. */
  async loadTrend(code: string, w: { from: string; to: string }): Promise<void> {
    const n = ++this.#trendRequest;
    const from = iso(Math.min(parse(w.from), parse(w.to) - 83 * DAY_MS));
    try {
      const trend = await fetchTownshipTrend(code, { from, to: w.to, stepDays: 7 });
      if (n === this.#trendRequest) this.trend = trend;
    } catch (err) {
      if (n === this.#trendRequest) this.error = message(err);
    }
  }
}

/** A metric's value as the panel shows it: rates in percent, densities with two decimals. */
export function formatMetric(metric: StatMetric | 'seals' | 'threeStops' | 'detentions', value: number | null): string {
  if (value === null) return '—';
  if (rateMetrics.has(metric as StatMetric)) return `${(value * 100).toFixed(1)}%`;
  if (metric === 'foundPerKm2' || metric === 'foundPer100Sites') return value.toFixed(2);
  return Math.round(value).toLocaleString('en-US');
}

/** A change against the previous window, signed (`+12`; a rate's in percentage points, `−3.2 pp`), or '—'. */
export function formatChange(
  metric: StatMetric | 'seals' | 'threeStops' | 'detentions',
  change: number | null,
): string {
  if (change === null) return '—';
  const text = rateMetrics.has(metric as StatMetric)
    ? `${(Math.abs(change) * 100).toFixed(1)} pp`
    : formatMetric(metric, Math.abs(change));
  return change > 0 ? `+${text}` : change < 0 ? `−${text}` : '±0';
}

const COUNT_METRICS: ReadonlySet<string> = new Set([
  'found',
  'rectified',
  'verified',
  'open',
  'overdue',
  'rebounds',
  'fines',
  'fineYuan',
  'enforcement',
]);

/**
 * A legend class's range without shared endpoints: counts as whole numbers (`12–16`, then `17–21`;
 * a class holding one value shows that value alone), rates and densities as half-open intervals
 * (`[24.2%, 30.0%)`, the last one closed).
 */
export function classRange(metric: StatMetric, lo: number, hi: number, last: boolean): string {
  if (COUNT_METRICS.has(metric)) {
    const a = Math.ceil(lo);
    const b = last ? Math.floor(hi) : Math.ceil(hi) - 1;
    return b <= a ? formatMetric(metric, a) : `${formatMetric(metric, a)}–${formatMetric(metric, b)}`;
  }
  if (lo === hi) return formatMetric(metric, lo);
  return `[${formatMetric(metric, lo)}, ${formatMetric(metric, hi)}${last ? ']' : ')'}`;
}

/** The county card's rows, in order (the last three are enforcement counts, not ranking metrics). */
export const COUNTY_ROWS = [
  'found',
  'rectified',
  'verified',
  'open',
  'overdue',
  'rectifiedRate',
  'rebounds',
  'reboundRate',
  'fines',
  'fineYuan',
  'seals',
  'threeStops',
  'detentions',
] as const;
export type CountyRow = (typeof COUNTY_ROWS)[number];
