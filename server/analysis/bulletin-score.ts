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

/** Score bands of the choropleth, half-open [lo, hi) except the last, which includes 100. */
export const SCORE_BANDS: readonly { lo: number; hi: number; color: string }[] = [
  { lo: 0, hi: 60, color: '#d73027' },
  { lo: 60, hi: 70, color: '#fc8d59' },
  { lo: 70, hi: 80, color: '#fee08b' },
  { lo: 80, hi: 90, color: '#91cf60' },
  { lo: 90, hi: 100, color: '#1a9850' },
];

export function scoreBand(score: number): number {
  const i = SCORE_BANDS.findIndex((b) => score >= b.lo && score < b.hi);
  return i < 0 ? SCORE_BANDS.length - 1 : i;
}

/** '[60, 70)' … '[90, 100]'. */
export function bandText(i: number): string {
  const b = SCORE_BANDS[i] as { lo: number; hi: number };
  return i === SCORE_BANDS.length - 1 ? `[${b.lo}, ${b.hi}]` : `[${b.lo}, ${b.hi})`;
}
