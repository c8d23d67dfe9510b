/**
 * The bulletin's composite score (周通报考核): each indicator becomes a sub-score 0–100 against the
 * best township of the window — more is better: 100 · x / max; less is better: 100 · (1 − x / max) —
 * and the score is the weighted mean of the sub-scores a township has (a rate of nothing, e.g. no
 * hazards found, is left out and the remaining weights carry it). Weights are configurable; the
 * defaults follow the report's emphasis on patrols and rectification.
 */

export const SCORE_INDICATORS = [
  'patrolledPlaces',
  'trainings',
  'villageVisits',
  'rectifiedRate',
  'overdue',
  'reboundRate',
] as const;
export type ScoreIndicator = (typeof SCORE_INDICATORS)[number];
export type ScoreWeights = Record<ScoreIndicator, number>;

export const DEFAULT_WEIGHTS: ScoreWeights = {
  patrolledPlaces: 25,
  trainings: 15,
  villageVisits: 15,
  rectifiedRate: 25,
  overdue: 10,
  reboundRate: 10,
};

/** Which way is better for each indicator. */
export const INDICATOR_DIRECTION: Record<ScoreIndicator, 'more' | 'less'> = {
  patrolledPlaces: 'more',
  trainings: 'more',
  villageVisits: 'more',
  rectifiedRate: 'more',
  overdue: 'less',
  reboundRate: 'less',
};

export type IndicatorValues = Record<ScoreIndicator, number | null>;

/** Scores 0–100 (rounded to 0.1, as printed) for each township's indicator values, in input order. */
export function compositeScores(rows: readonly IndicatorValues[], weights: ScoreWeights): number[] {
  const max = Object.fromEntries(
    SCORE_INDICATORS.map((k) => [k, Math.max(0, ...rows.map((r) => r[k] ?? 0))]),
  ) as Record<ScoreIndicator, number>;
  return rows.map((r) => {
    let sum = 0;
    let weight = 0;
    for (const k of SCORE_INDICATORS) {
      const x = r[k];
      const w = weights[k];
      if (x === null || w === 0) continue;
      const m = max[k];
      // Nobody above 0: no one did any (more: 0 each) or no one has any (less: 100 each).
      const share = m === 0 ? 0 : x / m;
      sum += w * 100 * (INDICATOR_DIRECTION[k] === 'more' ? share : 1 - share);
      weight += w;
    }
    return weight === 0 ? 0 : Math.round((sum / weight) * 10) / 10;
  });
}

/** Parses `patrolledPlaces:25,trainings:15,…` (missing indicators keep their default weight). */
export function parseWeights(text: string): ScoreWeights | string {
  const out: ScoreWeights = { ...DEFAULT_WEIGHTS };
  for (const part of text.split(',')) {
    const [key, value] = part.split(':');
    if (!SCORE_INDICATORS.includes(key as ScoreIndicator)) return `unknown indicator "${key}"`;
    if (value === undefined || !/^\d{1,3}$/.test(value)) return `weight of ${key} must be a whole number 0–999`;
    out[key as ScoreIndicator] = Number(value);
  }
  if (SCORE_INDICATORS.every((k) => out[k] === 0)) return 'at least one weight must be above 0';
  return out;
}

/**
 * Classes of the score map by rank, equal counts (five for 14 townships: 3, 3, 3, 3, 2), best first,
 * green to red: scores cluster within a few points of each other, so fixed bands would paint most
 * townships alike. A class is a range of ranks; ties share a rank and so a class.
 */
export const RANK_CLASS_COLORS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'] as const;

/** Class (0 = best) of a township ranked `rank` (1-based) among `count`. */
export function rankClass(rank: number, count: number): number {
  const k = Math.min(RANK_CLASS_COLORS.length, count);
  return Math.min(k - 1, Math.floor(((rank - 1) * k) / count));
}
