/**
 * Class breaks for a choropleth: quantile (equal counts) and natural breaks (Jenks; computed
 * exactly as optimal 1-D k-means by simple-statistics' Ckmeans). Breaks are k + 1 ascending
 * values from the minimum to the maximum; class i holds values in [breaks[i], breaks[i+1]).
 */
import { ckmeans } from 'simple-statistics';

export const DEFAULT_CLASSES = 5;

function checked(values: readonly number[], classes: number): number[] {
  if (!Number.isInteger(classes) || classes < 1)
    throw new RangeError(`classes must be a positive integer, got ${classes}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('class breaks need finite values');
  return [...values].sort((a, b) => a - b);
}

/** Linear-interpolation quantile of sorted values (R-7, PostgreSQL's percentile_cont). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** Quantile breaks: [min, q(1/k), …, q((k−1)/k), max]; [] for no values. */
export function quantileBreaks(values: readonly number[], classes: number = DEFAULT_CLASSES): number[] {
  const sorted = checked(values, classes);
  if (sorted.length === 0) return [];
  return Array.from({ length: classes + 1 }, (_, i) => quantileSorted(sorted, i / classes));
}

/**
 * Natural breaks: the class minima of the optimal Ckmeans clustering plus the maximum. With fewer
 * distinct values than classes, one class per distinct value (so fewer breaks).
 */
export function naturalBreaks(values: readonly number[], classes: number = DEFAULT_CLASSES): number[] {
  const sorted = checked(values, classes);
  if (sorted.length === 0) return [];
  const k = Math.min(classes, new Set(sorted).size);
  const clusters = ckmeans(sorted, k);
  return [...clusters.map((c) => c[0] as number), sorted[sorted.length - 1] as number];
}

/** Sum over classes of squared deviations from the class mean (what natural breaks minimise). */
export function withinClassSquares(sorted: readonly number[], breaks: readonly number[]): number {
  let total = 0;
  for (let i = 0; i + 1 < breaks.length; i++) {
    const last = i + 2 === breaks.length;
    const lo = breaks[i] as number;
    const hi = breaks[i + 1] as number;
    const cls = sorted.filter((v) => v >= lo && (last ? v <= hi : v < hi));
    if (cls.length === 0) continue;
    const mean = cls.reduce((a, b) => a + b, 0) / cls.length;
    total += cls.reduce((a, v) => a + (v - mean) ** 2, 0);
  }
  return total;
}
