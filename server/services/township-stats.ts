/**
 * Township statistics for a window (周通报 / 月讲评): counts from SQL, rebounds from the pure
 * detector, ratios, the previous window of the same length, ranks, class breaks and a county card.
 */
import type { Db } from '../../db/client';
import { townshipExists } from '../../db/queries/layers';
import {
  datasetAsOf,
  reboundInputs,
  type TownshipCounts,
  type TrendBucket,
  townshipCounts,
  townshipTrend,
} from '../../db/queries/township-stats';
import { DEFAULT_CLASSES, naturalBreaks, quantileBreaks } from '../analysis/hazard-breaks';
import { competitionRanks, ratio } from '../analysis/hazard-ranking';
import { DEFAULT_REBOUND_WINDOW_DAYS, dayNumber, detectRebounds } from '../analysis/hazard-rebound';
import { InvalidParameterError, NotFoundError } from '../errors';
import type { StatMetric } from '../schemas/hazards';
import { countyOf } from './county';

export interface Metrics {
  found: number;
  rectified: number;
  verified: number;
  verifiedInWindow: number;
  open: number;
  overdue: number;
  foundPerKm2: number | null;
  foundPer100Sites: number | null;
  rectifiedRate: number | null;
  rebounds: number;
  reboundRate: number | null;
  fines: number;
  fineYuan: number;
  seals: number;
  threeStops: number;
  detentions: number;
  enforcement: number;
}

export interface Window {
  from: string;
  to: string;
  days: number;
}

export interface TownshipStat {
  code: string;
  name: string;
  areaKm2: number;
  sites: number;
  current: Metrics;
  previous: Metrics;
  /** current − previous (null when either is null). */
  change: Record<keyof Metrics, number | null>;
  value: number | null;
  rank: number;
  previousRank: number;
  /** previous rank − rank: positive = moved up the list. */
  rankChange: number;
  /** Class index (0-based) of `value` under each set of breaks, null without a value. */
  classes: { quantile: number | null; natural: number | null };
}

export interface TownshipStats {
  metric: StatMetric;
  asOf: string;
  reboundWindowDays: number;
  window: Window;
  previousWindow: Window;
  townships: TownshipStat[];
  breaks: { classes: number; quantile: number[]; natural: number[] };
  county: {
    areaKm2: number;
    sites: number;
    current: Metrics;
    previous: Metrics;
    change: Record<keyof Metrics, number | null>;
  };
}

const DAY_MS = 86_400_000;
const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function metricsOf(c: Omit<TownshipCounts, 'code' | 'name'>, rebounds: number): Metrics {
  return {
    found: c.found,
    rectified: c.rectified,
    verified: c.verified,
    verifiedInWindow: c.verifiedInWindow,
    open: c.open,
    overdue: c.overdue,
    foundPerKm2: ratio(c.found, c.areaKm2),
    foundPer100Sites: ratio(c.found, c.sites, 100),
    rectifiedRate: ratio(c.rectified, c.found),
    rebounds,
    reboundRate: ratio(rebounds, c.verifiedInWindow),
    fines: c.fines,
    fineYuan: c.fineYuan,
    seals: c.seals,
    threeStops: c.threeStops,
    detentions: c.detentions,
    enforcement: c.fines + c.seals + c.threeStops + c.detentions,
  };
}

function changeOf(cur: Metrics, prev: Metrics): Record<keyof Metrics, number | null> {
  const out = {} as Record<keyof Metrics, number | null>;
  for (const k of Object.keys(cur) as (keyof Metrics)[]) {
    const a = cur[k];
    const b = prev[k];
    out[k] = a === null || b === null ? null : a - b;
  }
  return out;
}

const COUNT_KEYS = [
  'found',
  'rectified',
  'verified',
  'verifiedInWindow',
  'open',
  'overdue',
  'fines',
  'fineYuan',
  'seals',
  'threeStops',
  'detentions',
  'areaKm2',
  'sites',
] as const;

function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null || breaks.length < 2) return null;
  for (let i = breaks.length - 2; i >= 0; i--) if (value >= (breaks[i] as number)) return i;
  return 0;
}

export async function townshipStats(
  db: Db,
  q: { from?: string; to?: string; metric: StatMetric; asOf?: string; reboundWindowDays?: number; county?: string },
): Promise<TownshipStats> {
  if (q.county !== undefined) await countyOf(db, q.county); // 404 for a county the database does not hold
  const asOf = q.asOf ?? (await datasetAsOf(db));
  const to = q.to ?? asOf;
  const from = q.from ?? isoOfDay(dayNumber(to) - 6);
  if (from > to) throw new InvalidParameterError('from must not be after to', { from, to });
  if (to > asOf) throw new InvalidParameterError(`to ${to} is after the data's as-of date ${asOf}`, { to, asOf });
  const days = dayNumber(to) - dayNumber(from) + 1;
  const prevTo = isoOfDay(dayNumber(from) - 1);
  const prevFrom = isoOfDay(dayNumber(from) - days);
  const windowDays = q.reboundWindowDays ?? DEFAULT_REBOUND_WINDOW_DAYS;

  const [cur, prev, inputs] = await Promise.all([
    townshipCounts(db, from, to, q.county),
    townshipCounts(db, prevFrom, prevTo, q.county),
    reboundInputs(db, prevFrom, to, windowDays),
  ]);
  const townshipOf = new Map(inputs.map((h) => [h.id, h]));
  const rebounds = detectRebounds(inputs, windowDays);
  const reboundsIn = (lo: string, hi: string) => {
    const n = new Map<string, number>();
    for (const r of rebounds) {
      const h = townshipOf.get(r.id);
      if (h && h.foundOn >= lo && h.foundOn <= hi) n.set(h.townshipCode, (n.get(h.townshipCode) ?? 0) + 1);
    }
    return n;
  };
  const rbCur = reboundsIn(from, to);
  const rbPrev = reboundsIn(prevFrom, prevTo);

  const rows = cur.map((c, i) => {
    const p = prev[i] as TownshipCounts;
    const current = metricsOf(c, rbCur.get(c.code) ?? 0);
    const previous = metricsOf(p, rbPrev.get(c.code) ?? 0);
    return { code: c.code, name: c.name, areaKm2: c.areaKm2, sites: c.sites, current, previous };
  });
  const values = rows.map((r) => r.current[q.metric]);
  const prevValues = rows.map((r) => r.previous[q.metric]);
  const rank = competitionRanks(values.map((v) => v ?? Number.NEGATIVE_INFINITY));
  const prevRank = competitionRanks(prevValues.map((v) => v ?? Number.NEGATIVE_INFINITY));
  const present = values.filter((v): v is number => v !== null);
  const quantile = quantileBreaks(present, DEFAULT_CLASSES);
  const natural = naturalBreaks(present, DEFAULT_CLASSES);

  const townships: TownshipStat[] = rows
    .map((r, i) => ({
      ...r,
      change: changeOf(r.current, r.previous),
      value: values[i] ?? null,
      rank: rank[i] as number,
      previousRank: prevRank[i] as number,
      rankChange: (prevRank[i] as number) - (rank[i] as number),
      classes: { quantile: classOf(values[i] ?? null, quantile), natural: classOf(values[i] ?? null, natural) },
    }))
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));

  const total = (list: TownshipCounts[]) => {
    const t = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Record<(typeof COUNT_KEYS)[number], number>;
    for (const c of list) for (const k of COUNT_KEYS) t[k] += c[k];
    return t;
  };
  // Rebounds of the listed county's townships only (the inputs hold every county's hazards).
  const listed = new Set(cur.map((c) => c.code));
  const sum = (m: Map<string, number>) => [...m].reduce((a, [code, n]) => a + (listed.has(code) ? n : 0), 0);
  const tc = total(cur);
  const tp = total(prev);
  const countyCurrent = metricsOf(tc, sum(rbCur));
  const countyPrevious = metricsOf(tp, sum(rbPrev));
  return {
    metric: q.metric,
    asOf,
    reboundWindowDays: windowDays,
    window: { from, to, days },
    previousWindow: { from: prevFrom, to: prevTo, days },
    townships,
    breaks: { classes: DEFAULT_CLASSES, quantile, natural },
    county: {
      areaKm2: tc.areaKm2,
      sites: tc.sites,
      current: countyCurrent,
      previous: countyPrevious,
      change: changeOf(countyCurrent, countyPrevious),
    },
  };
}

const MAX_BUCKETS = 1000;

/** One township's trend (click on the map): found, rectified, verified, enforcement per bucket. */
export async function townshipTrendSeries(
  db: Db,
  code: string,
  q: { from?: string; to?: string; stepDays: number },
): Promise<{ code: string; stepDays: number; from: string; to: string; buckets: TrendBucket[] }> {
  if (!(await townshipExists(db, code))) throw new NotFoundError(`township ${code} not found`);
  const to = q.to ?? (await datasetAsOf(db));
  const from = q.from ?? isoOfDay(dayNumber(to) - 12 * q.stepDays + 1);
  if (from > to) throw new InvalidParameterError('from must not be after to', { from, to });
  const buckets = Math.floor((dayNumber(to) - dayNumber(from)) / q.stepDays) + 1;
  if (buckets > MAX_BUCKETS) {
    throw new InvalidParameterError(
      `${buckets} buckets, at most ${MAX_BUCKETS}: widen stepDays or shorten the window`,
      {
        buckets,
      },
    );
  }
  return { code, stepDays: q.stepDays, from, to, buckets: await townshipTrend(db, code, from, to, q.stepDays) };
}
