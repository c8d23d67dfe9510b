import { describe, expect, it } from 'vitest';
import { type HydrantCoverage, hydrantCoverage } from '../../../server/analysis/hydrant-coverage';
import { whatIfAddHydrants, whatIfRemoveHydrants } from '../../../server/analysis/hydrant-what-if';
import { pointSet } from '../../../server/analysis/kd-index';
import { toEcef } from '../../../server/analysis/metric';
import { randomPoints, rng } from './hydrant-random';

const rand = rng(61);
const hydrants = randomPoints(rand, 50, 0.02);
const sites = randomPoints(rand, 300, 0.02);
const h = pointSet(hydrants);
const xyz = toEcef(sites);
const before = hydrantCoverage(xyz, h);

/** The oracle: a full recompute, with hydrant indices mapped back to the scenario's numbering. */
function expectSame(got: HydrantCoverage, full: HydrantCoverage, index: (j: number) => number): void {
  expect([...got.covered]).toEqual([...full.covered]);
  expect(got.coveredCount).toBe(full.coveredCount);
  expect([...got.distanceM]).toEqual([...full.distanceM]);
  expect([...got.nearest]).toEqual([...full.nearest].map(index));
}

describe('what-if', () => {
  it('adding hypothetical hydrants equals a full recompute', () => {
    const added = randomPoints(rand, 3, 0.02);
    const d = whatIfAddHydrants(xyz, h, before, added);
    expectSame(d.coverage, hydrantCoverage(sites, [...hydrants, ...added]), (j) => j);
    expect(d.newlyCovered.length).toBeGreaterThan(0);
    expect(d.newlyUncovered).toEqual([]);
    expect(d.newlyCovered.every((i) => d.changed.includes(i) && !before.covered[i])).toBe(true);
    expect(d.coverage.coveredCount).toBe(before.coveredCount + d.newlyCovered.length);
  });

  it('marking hydrants faulty equals a full recompute without them', () => {
    const removed = [3, 17, 18, 40];
    const d = whatIfRemoveHydrants(xyz, h, before, removed);
    const kept = hydrants.map((_, j) => j).filter((j) => !removed.includes(j));
    expectSame(
      d.coverage,
      hydrantCoverage(
        sites,
        kept.map((j) => hydrants[j] as (typeof hydrants)[0]),
      ),
      (j) => kept[j] as number,
    );
    expect(d.newlyUncovered.length).toBeGreaterThan(0);
    expect(d.changed).toEqual([...before.nearest].flatMap((j, i) => (removed.includes(j) ? [i] : [])));
  });

  it('removing every hydrant leaves nothing covered; the baseline is untouched', () => {
    const d = whatIfRemoveHydrants(
      xyz,
      h,
      before,
      hydrants.map((_, j) => j),
    );
    expect(d.coverage.coveredCount).toBe(0);
    expect(d.newlyUncovered.length).toBe(before.coveredCount);
    expect(hydrantCoverage(xyz, h).nearest).toEqual(before.nearest);
  });
});
