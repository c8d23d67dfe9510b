import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hydrantSpacing, type RoadStretch } from '../../../server/analysis/hydrant-spacing';
import type { LonLat } from '../../../server/analysis/metric';
import { karney, randomPoints, rng, travel } from './hydrant-random';

const S = { lon: 113.6, lat: 33.5 };
const ll = (p: Position): LonLat => ({ lon: p[0] as number, lat: p[1] as number });
const pos = (p: LonLat): Position => [p.lon, p.lat];
/** A point `along` metres north of S on its meridian (a geodesic), then `east` metres east. */
const at = (along: number, east = 0) => travel(travel(S, 0, along), 90, east);

describe('hydrantSpacing on a straight street along a meridian', () => {
  // Vertices at 0, 250, 600, 1000 m; hydrants 3 m east of the kerb line at 0, 100, 300, 350,
  // 600 m, one 30 m off the street at 450 m (covers, but is not on the street), one 11 m off
  // at 900 m (beyond the 10 m snap), one 9 m off at 980 m (snapped).
  const street = [0, 250, 600, 1000].map((m) => pos(at(m)));
  const hydrants = [at(0, 3), at(100, 3), at(300, 3), at(350, 3), at(450, 30), at(600, 3), at(900, 11), at(980, -9)];
  const r = hydrantSpacing([{ coordinates: street, township: 't1' }], hydrants);

  it('finds the hydrants more than 120 m apart along the street', () => {
    const gaps = r.spacingGaps.map((g) => [g.fromM, g.toM]);
    const expected = [
      [100, 300],
      [350, 600],
      [600, 980],
    ];
    expect(gaps.length).toBe(expected.length);
    gaps.forEach(([from, to], i) => {
      expect(from).toBeCloseTo(expected[i]?.[0] as number, 2);
      expect(to).toBeCloseTo(expected[i]?.[1] as number, 2);
    });
    // Lengths are measured on the ellipsoid: Karney between the two feet on the meridian.
    expect(r.spacingGaps[1]?.lengthM).toBeCloseTo(karney(at(350), at(600)), 3);
  });

  it('finds the road stretches outside every 150 m radius', () => {
    // Covered: [0, 750] by the first six, then the 11 m-off hydrant at 900 covers 900 ± 149.6,
    // the 9 m-off one 980 ± 149.73 — so only (749.97, 750.4) is left open.
    expect(r.uncovered.length).toBe(1);
    const u = r.uncovered[0] as RoadStretch;
    expect(u.fromM).toBeCloseTo(600 + Math.sqrt(150 ** 2 - 3 ** 2), 2);
    expect(u.toM).toBeCloseTo(900 - Math.sqrt(150 ** 2 - 11 ** 2), 2);
    expect(u.coordinates.length).toBe(2);
    expect(karney(ll(u.coordinates[0] as Position), at(u.fromM))).toBeLessThan(0.01);
  });

  it('totals per township', () => {
    expect(r.byTownship).toEqual([
      {
        township: 't1',
        roadM: expect.closeTo(1000, 3),
        uncoveredM: expect.closeTo(r.uncovered[0]?.lengthM as number, 9),
        uncoveredStretches: 1,
        spacingGapM: expect.closeTo(200 + 250 + 380, 2),
        spacingGaps: 3,
      },
    ]);
  });

  it('rejects a radius, spacing or snap distance that is not a positive length', () => {
    expect(() => hydrantSpacing([], [], { radiusM: 0 })).toThrow(/radius must be > 0 m/);
    expect(() => hydrantSpacing([], [], { spacingM: -120 })).toThrow(/spacing must be > 0 m/);
    expect(() => hydrantSpacing([], [], { snapM: Number.NaN })).toThrow(/snap distance must be > 0 m/);
  });

  it('changes with the radius and the spacing', () => {
    const tight = hydrantSpacing([{ coordinates: street }], hydrants, { radiusM: 100, spacingM: 300 });
    expect(tight.spacingGaps.map((g) => Math.round(g.lengthM))).toEqual([380]);
    expect(tight.uncovered.length).toBeGreaterThan(1);
    expect(tight.byTownship[0]?.township).toBe('');
  });
});

describe('hydrantSpacing against sampling with exhaustive Karney distances', () => {
  for (const seed of [31, 32]) {
    it(`uncovered stretches hold exactly the uncovered samples (seed ${seed})`, () => {
      const rand = rng(seed);
      const roads = Array.from({ length: 4 }, (_, k) => ({
        coordinates: randomPoints(rand, 3 + Math.floor(rand() * 3), 0.012).map(pos),
        township: k % 2 ? 'a' : 'b',
      }));
      const hydrants = randomPoints(rand, 25, 0.012);
      const r = hydrantSpacing(roads, hydrants);
      const step = 1;
      let sampledUncovered = 0;
      roads.forEach((road, k) => {
        const stretches = r.uncovered.filter((u) => u.road === k);
        const inside = (m: number, margin: number) => stretches.some((u) => m > u.fromM + margin && m < u.toM - margin);
        let chain = 0;
        for (let v = 0; v + 1 < road.coordinates.length; v++) {
          const a = ll(road.coordinates[v] as Position);
          const b = ll(road.coordinates[v + 1] as Position);
          const len = karney(a, b);
          for (let m = 0; m < len; m += step) {
            const t = m / len;
            const p = { lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat) };
            const d = Math.min(...hydrants.map((h) => karney(p, h)));
            if (d > 150) sampledUncovered += step;
            // Clear of the radius by a centimetre: the module must agree (to 5 cm of chainage).
            if (d > 150.01) expect(inside(chain + m, -0.05)).toBe(true);
            if (d < 149.99) expect(inside(chain + m, 0.05)).toBe(false);
          }
          chain += len;
        }
      });
      const total = r.uncovered.reduce((s, u) => s + u.lengthM, 0);
      expect(sampledUncovered).toBeGreaterThan(100);
      expect(Math.abs(total - sampledUncovered)).toBeLessThan(step * (r.uncovered.length + 8));
      const byTownship = r.byTownship.reduce((s, t) => s + t.uncoveredM, 0);
      expect(byTownship).toBeCloseTo(total, 6);
    });
  }
});
