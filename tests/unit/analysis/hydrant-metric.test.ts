import { describe, expect, it } from 'vitest';
import { KdIndex3 } from '../../../server/analysis/kd-index';
import { chord2, chordToMetres, distanceMetres, metresToChord, toEcef } from '../../../server/analysis/metric';
import { karney, randomPoints, rng, travel } from './hydrant-random';

describe('ellipsoidal metres from ECEF chords', () => {
  it('matches the Karney geodesic: < 1 µm up to 1 km, < 0.1 mm up to 20 km', () => {
    const rand = rng(1);
    let worstNear = 0;
    let worstFar = 0;
    for (let k = 0; k < 2000; k++) {
      const a = { lon: 73 + rand() * 60, lat: 18 + rand() * 35 }; // anywhere in China
      const s = k % 2 ? rand() * 1000 : 1000 + rand() * 19_000;
      const b = travel(a, rand() * 360, s);
      const err = Math.abs(distanceMetres(a, b) - karney(a, b));
      if (s <= 1000) worstNear = Math.max(worstNear, err);
      else worstFar = Math.max(worstFar, err);
    }
    expect(worstNear).toBeLessThan(1e-6);
    expect(worstFar).toBeLessThan(1e-4);
  });

  it('metresToChord inverts chordToMetres', () => {
    for (const m of [0, 0.5, 150, 120, 5000, 30_000]) expect(chordToMetres(metresToChord(m))).toBeCloseTo(m, 9);
  });
});

describe('KdIndex3', () => {
  const rand = rng(2);
  const points = randomPoints(rand, 500, 0.02);
  const queries = randomPoints(rand, 200, 0.024, 113.598, 33.498);
  const xyz = toEcef(points);
  const q = toEcef(queries);
  const kd = new KdIndex3(xyz, 4);

  it('nearest equals exhaustive search, ties to the lower index', () => {
    const dup = toEcef([...points, points[7] as (typeof points)[0]]); // index 500 duplicates 7
    const kdDup = new KdIndex3(dup, 4);
    for (let i = 0; i < queries.length; i++) {
      let best = -1;
      let bestD2 = Infinity;
      for (let j = 0; j < points.length + 1; j++) {
        const d2 = chord2(q, i, dup, j);
        if (d2 < bestD2) [best, bestD2] = [j, d2];
      }
      expect(kdDup.nearest(q[3 * i] as number, q[3 * i + 1] as number, q[3 * i + 2] as number)).toBe(best);
      expect(kdDup.d2).toBe(bestD2);
    }
    const at7 = kdDup.nearest(dup[21] as number, dup[22] as number, dup[23] as number);
    expect(at7).toBe(7);
  });

  it('honours maxD2 and skip', () => {
    const i = kd.nearest(q[0] as number, q[1] as number, q[2] as number);
    const d2 = kd.d2;
    expect(kd.nearest(q[0] as number, q[1] as number, q[2] as number, d2 * 0.999)).toBe(-1);
    expect(kd.d2).toBe(Infinity);
    const j = kd.nearest(q[0] as number, q[1] as number, q[2] as number, Infinity, (k) => k === i);
    expect(j).not.toBe(i);
    expect(kd.d2).toBeGreaterThanOrEqual(d2);
  });

  it('within equals exhaustive search', () => {
    const r = metresToChord(150);
    for (let i = 0; i < queries.length; i++) {
      const expected: number[] = [];
      for (let j = 0; j < points.length; j++) if (chord2(q, i, xyz, j) <= r * r) expected.push(j);
      const got = kd.within(q[3 * i] as number, q[3 * i + 1] as number, q[3 * i + 2] as number, r, []);
      expect(got.sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('an empty index finds nothing', () => {
    const empty = new KdIndex3(new Float64Array(0));
    expect(empty.nearest(1, 2, 3)).toBe(-1);
    expect(empty.within(1, 2, 3, 10, [])).toEqual([]);
  });
});
