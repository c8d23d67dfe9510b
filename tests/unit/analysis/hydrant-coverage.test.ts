import { describe, expect, it } from 'vitest';
import { hydrantCoverage } from '../../../server/analysis/hydrant-coverage';
import { coverageSummary } from '../../../server/analysis/hydrant-coverage-summary';
import type { LonLat } from '../../../server/analysis/metric';
import { karney, randomPoints, rng, travel } from './hydrant-random';

/** Nearest hydrant by exhaustive Karney distance (lowest index on a tie). */
function bruteNearest(site: LonLat, hydrants: readonly LonLat[]): { j: number; d: number } {
  let j = -1;
  let d = Infinity;
  hydrants.forEach((h, k) => {
    const dk = karney(site, h);
    if (dk < d) [j, d] = [k, dk];
  });
  return { j, d };
}

describe('hydrantCoverage', () => {
  for (const seed of [11, 12, 13]) {
    it(`equals exhaustive ellipsoidal search on random sets (seed ${seed})`, () => {
      const rand = rng(seed);
      const hydrants = randomPoints(rand, 60 + Math.floor(rand() * 80), 0.03);
      // Sites in a wider box, so some are far from every hydrant.
      const sites = randomPoints(rand, 150, 0.04, 113.595, 33.495);
      const c = hydrantCoverage(sites, hydrants);
      let covered = 0;
      sites.forEach((site, i) => {
        const { j, d } = bruteNearest(site, hydrants);
        expect(c.distanceM[i]).toBeCloseTo(d, 6);
        // Equal distances to within a micrometre may pick either hydrant.
        if (c.nearest[i] !== j) expect(karney(site, hydrants[c.nearest[i] as number] as LonLat)).toBeCloseTo(d, 6);
        expect(c.covered[i]).toBe(d <= 150 ? 1 : 0);
        covered += d <= 150 ? 1 : 0;
      });
      expect(c.coveredCount).toBe(covered);
      expect(covered).toBeGreaterThan(0);
      expect(covered).toBeLessThan(sites.length);
    });
  }

  it('decides sites a millimetre either side of the radius as PostGIS would', () => {
    const h = { lon: 113.6, lat: 33.5 };
    const sites = [0, 45, 90, 180, 270].flatMap((az) => [travel(h, az, 149.999), travel(h, az, 150.001)]);
    const c = hydrantCoverage(sites, [h]);
    expect([...c.covered]).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    const wider = hydrantCoverage(sites, [h], 200);
    expect(wider.coveredCount).toBe(10);
  });

  it('a site on a hydrant is at 0 m; without hydrants nothing is covered', () => {
    const h = [{ lon: 113.6, lat: 33.5 }];
    expect(hydrantCoverage(h, h).distanceM[0]).toBe(0);
    const none = hydrantCoverage(h, []);
    expect([none.nearest[0], none.distanceM[0], none.coveredCount]).toEqual([-1, Infinity, 0]);
  });

  it('rejects a radius that is not a positive number of metres', () => {
    for (const r of [0, -150, Number.NaN, Infinity]) expect(() => hydrantCoverage([], [], r)).toThrow(RangeError);
  });
});

describe('coverageSummary', () => {
  it('counts per township and category and ranks the uncovered by risk, then distance', () => {
    const rand = rng(21);
    const hydrants = randomPoints(rand, 40, 0.03);
    const sites = randomPoints(rand, 120, 0.03).map((p, i) => ({
      ...p,
      township: ['t1', 't2', 't3'][i % 3] as string,
      category: i % 4 === 0 ? null : (['nine_small', 'hazmat', 'medical'][i % 3] as string),
      riskLevel: 1 + (i % 4),
    }));
    const c = hydrantCoverage(sites, hydrants);
    const s = coverageSummary(sites, c);
    for (const [groups, key] of [
      [s.byTownship, (x: (typeof sites)[0]) => x.township],
      [s.byCategory, (x: (typeof sites)[0]) => x.category ?? ''],
    ] as const) {
      for (const g of groups) {
        const members = sites.map((x, i) => [x, i] as const).filter(([x]) => key(x) === g.key);
        const covered = members.filter(([x]) => bruteNearest(x, hydrants).d <= 150).length;
        expect([g.sites, g.covered]).toEqual([members.length, covered]);
        expect(g.percent).toBeCloseTo((100 * covered) / members.length, 9);
      }
      expect(groups.reduce((n, g) => n + g.sites, 0)).toBe(sites.length);
    }
    expect(s.uncovered.length).toBe(sites.length - c.coveredCount);
    for (let k = 1; k < s.uncovered.length; k++) {
      const [a, b] = [s.uncovered[k - 1], s.uncovered[k]] as [(typeof s.uncovered)[0], (typeof s.uncovered)[0]];
      expect(a.riskLevel > b.riskLevel || (a.riskLevel === b.riskLevel && a.distanceM >= b.distanceM)).toBe(true);
    }
    expect(s.uncovered.every((u) => u.distanceM > 150 && c.covered[u.site] === 0)).toBe(true);
  });
});
