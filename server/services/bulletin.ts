/**
 * The 消安办's bulletin (周通报 / 月讲评, issue 15) for a window: the county's totals against the
 * previous period, a township table (work records, hazards, rebounds) with a composite score and its
 * rank change, the notices issued and the 督办通知 followed up, the sites with overdue major hazards,
 * and 3–5 sentences from those numbers. Rates in percent (one decimal), changes in percentage points.
 */
import type { Db } from '../../db/client';
import { countyInfo, datasetInfo } from '../../db/queries/bulletin';
import {
  type MajorOverdue,
  majorOverdueSites,
  type NoticeFollowUp,
  type NoticeKind,
  noticeCounts,
  noticeFollowUps,
} from '../../db/queries/notices';
import { datasetAsOf } from '../../db/queries/township-stats';
import { countyPatrolledPlaces, workCounts } from '../../db/queries/township-work';
import { compositeScores, DEFAULT_WEIGHTS, type ScoreWeights } from '../analysis/bulletin-score';
import { bulletinSentences } from '../analysis/bulletin-sentences';
import { competitionRanks } from '../analysis/hazard-ranking';
import { percent, percentagePoints } from '../analysis/rates';
import { InvalidParameterError } from '../errors';
import { lastWeek, type Period, periodOf } from './bulletin-window';
import { countyOf } from './county';
import { issuerOf } from './issuer';
import { type Metrics, townshipStats } from './township-stats';

export interface BulletinRow {
  patrolledPlaces: number;
  patrols: number;
  trainings: number;
  villageVisits: number;
  townshipRectified: number;
  found: number;
  rectified: number;
  /** rectified / found, percent (one decimal); null when nothing was found. */
  rectifiedRate: number | null;
  open: number;
  overdue: number;
  rebounds: number;
  /** Hazards verified in the window: the rebound rate's denominator. */
  reboundBase: number;
  /** rebounds / reboundBase, percent (one decimal). */
  reboundRate: number | null;
}

export interface BulletinTownship extends BulletinRow {
  code: string;
  name: string;
  score: number;
  rank: number;
  previousScore: number;
  previousRank: number;
  /** previous rank − rank: positive = moved up. */
  rankChange: number;
  previous: BulletinRow;
}

export interface Bulletin {
  title: string;
  issuer: string;
  /** The data is the synthetic demo county (the files say 演示数据). */
  demo: boolean;
  period: Period;
  asOf: string;
  reboundWindowDays: number;
  weights: ScoreWeights;
  county: {
    current: BulletinRow;
    previous: BulletinRow;
    /** Counts: current − previous; rates: percentage points. */
    change: Record<keyof BulletinRow, number | null>;
  };
  townships: BulletinTownship[];
  notices: { issued: Record<NoticeKind, number>; followUps: NoticeFollowUp[] };
  majorOverdue: (MajorOverdue & { townshipName: string })[];
  sentences: string[];
}

type Work = Awaited<ReturnType<typeof workCounts>>[number];

function rowOf(m: Metrics, w: Omit<Work, 'code'>): BulletinRow {
  return {
    patrolledPlaces: w.patrolledPlaces,
    patrols: w.patrols,
    trainings: w.trainings,
    villageVisits: w.villageVisits,
    townshipRectified: w.townshipRectified,
    found: m.found,
    rectified: m.rectified,
    rectifiedRate: percent(m.rectified, m.found),
    open: m.open,
    overdue: m.overdue,
    rebounds: m.rebounds,
    reboundBase: m.verifiedInWindow,
    reboundRate: percent(m.rebounds, m.verifiedInWindow),
  };
}

const RATE_KEYS = new Set<keyof BulletinRow>(['rectifiedRate', 'reboundRate']);

function changeOf(cur: BulletinRow, prev: BulletinRow): Record<keyof BulletinRow, number | null> {
  const out = {} as Record<keyof BulletinRow, number | null>;
  for (const k of Object.keys(cur) as (keyof BulletinRow)[]) {
    const a = cur[k];
    const b = prev[k];
    out[k] = RATE_KEYS.has(k) ? percentagePoints(a, b) : a === null || b === null ? null : a - b;
  }
  return out;
}

async function windowRows(
  db: Db,
  from: string,
  to: string,
  asOf: string,
  reboundWindowDays: number | undefined,
  adcode: string | undefined,
) {
  const [stats, work, places] = await Promise.all([
    townshipStats(db, { from, to, metric: 'found', asOf, reboundWindowDays, county: adcode }),
    workCounts(db, from, to, adcode),
    countyPatrolledPlaces(db, from, to, adcode),
  ]);
  const workOf = new Map(work.map((w) => [w.code, w]));
  const sum = (k: keyof Omit<Work, 'code'>) => work.reduce((a, w) => a + w[k], 0);
  const townships = [...stats.townships]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((t) => ({ code: t.code, name: t.name, row: rowOf(t.current, workOf.get(t.code) as Work) }));
  const county = rowOf(stats.county.current, {
    patrolledPlaces: places,
    patrols: sum('patrols'),
    trainings: sum('trainings'),
    villageVisits: sum('villageVisits'),
    townshipRectified: sum('townshipRectified'),
  });
  return { townships, county, reboundWindowDays: stats.reboundWindowDays };
}

/** The score's indicators are the table's printed values (counts, rates in percent to one decimal). */
const scoresOf = (rows: BulletinRow[], weights: ScoreWeights) => compositeScores(rows, weights);

export async function bulletin(
  db: Db,
  q: { from?: string; to?: string; weights?: ScoreWeights; reboundWindowDays?: number; county?: string },
): Promise<Bulletin> {
  // `county` given: that county's townships, work and notices (404 when unknown); else the focus county.
  const adcode = q.county === undefined ? undefined : await countyOf(db, q.county);
  const asOf = await datasetAsOf(db);
  const fallback = lastWeek(asOf);
  const from = q.from ?? (q.to ? undefined : fallback.from);
  const to = q.to ?? fallback.to;
  if (from === undefined) throw new InvalidParameterError('from is required with to', { to });
  if (from > to) throw new InvalidParameterError('from must not be after to', { from, to });
  if (to > asOf) throw new InvalidParameterError(`to ${to} is after the data's as-of date ${asOf}`, { to, asOf });
  const period = periodOf(from, to);
  const weights = q.weights ?? DEFAULT_WEIGHTS;
  const [cur, prev, issued, followUps, major, dataset] = await Promise.all([
    windowRows(db, from, to, asOf, q.reboundWindowDays, adcode),
    windowRows(db, period.previous.from, period.previous.to, asOf, q.reboundWindowDays, adcode),
    noticeCounts(db, from, to, adcode),
    noticeFollowUps(db, from, to, adcode),
    majorOverdueSites(db, to, adcode),
    adcode === undefined ? datasetInfo(db) : countyInfo(db, adcode),
  ]);
  const score = scoresOf(
    cur.townships.map((t) => t.row),
    weights,
  );
  const prevScore = scoresOf(
    prev.townships.map((t) => t.row),
    weights,
  );
  const rank = competitionRanks(score);
  const prevRank = competitionRanks(prevScore);
  const townships: BulletinTownship[] = cur.townships
    .map((t, i) => ({
      code: t.code,
      name: t.name,
      ...t.row,
      score: score[i] as number,
      rank: rank[i] as number,
      previousScore: prevScore[i] as number,
      previousRank: prevRank[i] as number,
      rankChange: (prevRank[i] as number) - (rank[i] as number),
      previous: (prev.townships[i] as { row: BulletinRow }).row,
    }))
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  const nameOf = new Map(townships.map((t) => [t.code, t.name]));
  const majorOverdue = major.map((m) => ({ ...m, townshipName: nameOf.get(m.townshipCode) ?? m.townshipCode }));
  const change = changeOf(cur.county, prev.county);
  return {
    title: titleOf(period),
    issuer: issuerOf(dataset.name),
    demo: dataset.demo,
    period,
    asOf: to,
    reboundWindowDays: cur.reboundWindowDays,
    weights,
    county: { current: cur.county, previous: prev.county, change },
    townships,
    notices: { issued, followUps },
    majorOverdue,
    sentences: bulletinSentences({
      county: {
        patrolledPlaces: cur.county.patrolledPlaces,
        patrolledPlacesChange: change.patrolledPlaces ?? 0,
        trainings: cur.county.trainings,
        villageVisits: cur.county.villageVisits,
        found: cur.county.found,
        rectified: cur.county.rectified,
        rectifiedRate: cur.county.rectifiedRate,
        rectifiedRateChangePp: change.rectifiedRate,
        overdue: cur.county.overdue,
      },
      ranking: townships.map((t) => ({
        name: t.name,
        score: t.score,
        rectifiedRate: t.rectifiedRate,
        overdue: t.overdue,
      })),
      majorOverdue: majorOverdue.map((m) => ({ siteName: m.siteName, townshipName: m.townshipName })),
      followUps,
    }),
  };
}

export function titleOf(p: Period): string {
  if (p.kind === 'week') return `消防工作周通报 第${p.issue}期`;
  if (p.kind === 'month') return `消防工作月讲评 第${p.issue}期`;
  return `消防工作通报（${p.from}至${p.to}）`;
}
