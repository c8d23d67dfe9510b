import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hydrantCoverage } from '../../../server/analysis/hydrant-coverage';
import { hydrantSpacing } from '../../../server/analysis/hydrant-spacing';
import type { LonLat } from '../../../server/analysis/metric';
import { placementCandidates } from '../../../server/analysis/placement-candidates';
import { DEFAULT_WEIGHTS, placementDemand } from '../../../server/analysis/placement-demand';
import { coverValue, lazyGreedy, plainGreedy } from '../../../server/analysis/placement-greedy';
import { planHydrants } from '../../../server/analysis/placement-plan';
import { karney, randomPoints, rng } from './hydrant-random';

const pos = (p: LonLat): Position => [p.lon, p.lat];
const CATEGORIES = ['nine_small', 'hazmat', 'crowded'];

function fixture(seed: number) {
  const rand = rng(seed);
  const roads = Array.from({ length: 5 }, (_, k) => ({
    coordinates: randomPoints(rand, 2 + (k % 3), 0.015).map(pos),
    township: k < 3 ? 'east' : 'west',
  }));
  const hydrants = randomPoints(rand, 6, 0.015);
  const sites = randomPoints(rand, 90, 0.015).map((p, i) => ({
    ...p,
    category: CATEGORIES[i % 3] as string,
    riskLevel: 1 + Math.floor(rand() * 4),
  }));
  const coverage = hydrantCoverage(sites, hydrants);
  const stretches = hydrantSpacing(roads, hydrants).uncovered;
  return { roads, hydrants, sites, coverage, stretches };
}

describe('planHydrants', () => {
  const f = fixture(51);
  const candidates = placementCandidates(f.roads, f.hydrants);
  const input = { sites: f.sites, coverage: f.coverage, stretches: f.stretches, candidates };
  const proposals = planHydrants(input, { count: 8, pieceM: 1 });

  it('lazy and plain greedy propose the same hydrants, same order, same gains', () => {
    expect(proposals.length).toBe(8);
    expect(planHydrants(input, { count: 8, pieceM: 1, greedy: 'plain' })).toEqual(proposals);
  });

  it('each proposal newly covers exactly the sites the geodesic says it does', () => {
    const placed: LonLat[] = [...f.hydrants];
    for (const p of proposals) {
      const expected = f.sites
        .map((s, i) => [s, i] as const)
        .filter(([s]) => karney(s, p) <= 150 && placed.every((h) => karney(s, h) > 150))
        .map(([, i]) => i);
      expect(p.sites).toEqual(expected);
      const byCategory: Record<string, number> = {};
      for (const i of expected)
        byCategory[f.sites[i]?.category as string] = (byCategory[f.sites[i]?.category as string] ?? 0) + 1;
      expect(p.sitesByCategory).toEqual(byCategory);
      const siteWeight = expected.reduce(
        (s, i) => s + (DEFAULT_WEIGHTS.risk[f.sites[i]?.riskLevel as number] as number),
        0,
      );
      expect(p.gain).toBeCloseTo(siteWeight + p.roadM * DEFAULT_WEIGHTS.perMetre, 9);
      placed.push(p);
    }
    expect(proposals.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(proposals.some((p) => p.sites.length > 0)).toBe(true);
  });

  it('metres of road newly covered agree with sampling the uncovered stretches', () => {
    // Sample the uncovered road every 0.25 m; a sample is newly covered by the first proposal
    // within 150 m of it. Pieces of 1 m put each stretch end within 0.5 m.
    const samples: LonLat[] = [];
    for (const s of f.stretches) {
      for (let v = 0; v + 1 < s.coordinates.length; v++) {
        const [a, b] = [s.coordinates[v] as Position, s.coordinates[v + 1] as Position];
        const len = karney({ lon: a[0] as number, lat: a[1] as number }, { lon: b[0] as number, lat: b[1] as number });
        for (let m = 0.125; m < len; m += 0.25) {
          const t = m / len;
          samples.push({
            lon: (a[0] as number) + t * ((b[0] as number) - (a[0] as number)),
            lat: (a[1] as number) + t * ((b[1] as number) - (a[1] as number)),
          });
        }
      }
    }
    const taken = new Uint8Array(samples.length);
    let total = 0;
    for (const p of proposals) {
      let metres = 0;
      samples.forEach((q, i) => {
        if (!taken[i] && karney(q, p) <= 150) {
          taken[i] = 1;
          metres += 0.25;
        }
      });
      expect(Math.abs(p.roadM - metres)).toBeLessThan(6);
      total += p.roadM;
    }
    expect(total).toBeGreaterThan(200);
  });

  it('reaches at least 1 − 1/e of the exhaustive optimum on a small fixture', () => {
    const g = fixture(52);
    const few = placementCandidates(g.roads, g.hydrants, { stepM: 400 });
    expect(few.length).toBeGreaterThan(8);
    expect(few.length).toBeLessThan(30);
    const demand = placementDemand({ sites: g.sites, coverage: g.coverage, stretches: g.stretches, candidates: few });
    let opt = 0;
    for (let a = 0; a < few.length; a++)
      for (let b = a + 1; b < few.length; b++)
        for (let c = b + 1; c < few.length; c++) opt = Math.max(opt, coverValue(demand, [a, b, c]));
    for (const pick of [lazyGreedy(demand, 3), plainGreedy(demand, 3)]) {
      expect(coverValue(demand, pick)).toBeGreaterThanOrEqual((1 - 1 / Math.E) * opt);
    }
  });

  it('rejects a count that is not a whole number ≥ 1', () => {
    for (const count of [0, -3, 2.5]) expect(() => planHydrants(input, { count })).toThrow(RangeError);
  });
});
