import { describe, expect, it } from 'vitest';
import {
  naturalBreaks,
  quantileBreaks,
  quantileSorted,
  withinClassSquares,
} from '../../../server/analysis/hazard-breaks';
import { competitionRanks, rankChanges, ratio } from '../../../server/analysis/hazard-ranking';
import { prng } from './oracles';

const ssd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, v) => a + (v - m) ** 2, 0);
};

/** Brute force: every way to cut the sorted values into k non-empty consecutive classes. */
function bestPartition(sorted: number[], k: number): number {
  let best = Number.POSITIVE_INFINITY;
  const cut = (start: number, left: number, acc: number) => {
    if (acc >= best) return;
    if (left === 1) {
      best = Math.min(best, acc + ssd(sorted.slice(start)));
      return;
    }
    for (let end = start + 1; end <= sorted.length - left + 1; end++)
      cut(end, left - 1, acc + ssd(sorted.slice(start, end)));
  };
  cut(0, k, 0);
  return best;
}

describe('class breaks', () => {
  it('natural breaks reach the minimum within-class squares of an exhaustive search', () => {
    const rand = prng(42);
    for (let trial = 0; trial < 60; trial++) {
      const n = 5 + Math.floor(rand() * 10);
      const values = Array.from({ length: n }, () => Math.round(rand() ** 2 * 1000) / 10);
      const sorted = [...values].sort((a, b) => a - b);
      const k = Math.min(5, new Set(sorted).size);
      const breaks = naturalBreaks(values, 5);
      expect(breaks).toHaveLength(k + 1);
      expect(breaks[0]).toBe(sorted[0]);
      expect(breaks[k]).toBe(sorted[n - 1]);
      expect(withinClassSquares(sorted, breaks)).toBeCloseTo(bestPartition(sorted, k), 6);
    }
  });

  it('natural breaks split obvious groups where they are', () => {
    expect(naturalBreaks([1, 2, 3, 50, 51, 52, 200, 201, 202], 3)).toEqual([1, 50, 200, 202]);
    // Merging 900 and 1000 (5,000) costs more than merging 1–3 with 50–52 (≈3,750).
    expect(naturalBreaks([1, 2, 3, 50, 51, 52, 200, 201, 900, 1000], 4)).toEqual([1, 200, 900, 1000, 1000]);
    expect(naturalBreaks([4, 4, 4], 5)).toEqual([4, 4]);
    expect(naturalBreaks([], 5)).toEqual([]);
  });

  it('quantile breaks interpolate linearly (R-7), by hand', () => {
    // sorted 10,20,30,40,50: positions (n−1)p = 0, .8, 1.6, 2.4, 3.2, 4
    expect(quantileBreaks([50, 10, 40, 20, 30], 5)).toEqual([10, 18, 26, 34, 42, 50]);
    expect(quantileSorted([1, 2], 0.5)).toBe(1.5);
    expect(quantileBreaks([7], 5)).toEqual([7, 7, 7, 7, 7, 7]);
    expect(quantileBreaks([], 5)).toEqual([]);
    expect(() => quantileBreaks([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('ranking', () => {
  it('competition ranks: highest first, ties share, next rank skips', () => {
    expect(competitionRanks([5, 9, 5, 1, 9])).toEqual([3, 1, 3, 5, 1]);
    expect(rankChanges([1, 2, 3], [3, 1, 3])).toEqual([2, -1, 0]);
  });

  it('competition ranks equal a sort-based count on random values', () => {
    const rand = prng(7);
    for (let t = 0; t < 50; t++) {
      const values = Array.from({ length: 14 }, () => Math.floor(rand() * 6));
      const sorted = [...values].sort((a, b) => b - a);
      expect(competitionRanks(values)).toEqual(values.map((v) => sorted.indexOf(v) + 1));
    }
  });

  it('a rate of nothing is null', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, 4, 100)).toBe(75);
  });
});
