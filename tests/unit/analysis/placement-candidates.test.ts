import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointSet } from '../../../server/analysis/kd-index';
import type { LonLat } from '../../../server/analysis/metric';
import { placementCandidates } from '../../../server/analysis/placement-candidates';
import { karney, randomPoints, rng, travel } from './hydrant-random';

const pos = (p: LonLat): Position => [p.lon, p.lat];
const S = { lon: 113.6, lat: 33.5 };

describe('placementCandidates', () => {
  const rand = rng(41);
  const roads = Array.from({ length: 5 }, (_, k) => ({
    coordinates: randomPoints(rand, 2 + (k % 3), 0.01).map(pos),
    township: `t${k}`,
  }));
  const hydrants = randomPoints(rand, 12, 0.01);
  const all = placementCandidates(roads, [], { minDistanceM: 0 });

  it('puts consecutive candidates on a road at most 25 m apart, from end to end', () => {
    roads.forEach((road, k) => {
      const on = all.filter((c) => c.road === k);
      const first = road.coordinates[0] as Position;
      if (k === 0) expect(pos(on[0] as LonLat)).toEqual(first);
      for (let i = 1; i < on.length; i++) {
        // Straight-line distance is at most the distance along the road.
        expect(karney(on[i - 1] as LonLat, on[i] as LonLat)).toBeLessThanOrEqual(25 + 1e-6);
        expect((on[i] as (typeof on)[0]).chainageM - (on[i - 1] as (typeof on)[0]).chainageM).toBeLessThanOrEqual(25);
      }
      expect(on.every((c) => c.township === `t${k}`)).toBe(true);
    });
  });

  it('never offers a candidate within 5 m of an avoided hydrant, whatever the minimum distance (issue 13)', () => {
    // hydrants right on some candidates (planned ones the plan does not count)
    const onRoad = all.filter((_, i) => i % 7 === 0).map((c) => ({ lon: c.lon + 1e-6, lat: c.lat }));
    const kept = placementCandidates(roads, [], { minDistanceM: 0, avoid: { points: pointSet(onRoad), metres: 5 } });
    const expected = all.filter((c) => onRoad.every((h) => karney(c, h) > 5));
    expect(kept.map((c) => [c.road, c.chainageM])).toEqual(expected.map((c) => [c.road, c.chainageM]));
    expect(kept.length).toBeLessThan(all.length);
  });

  it('drops exactly the candidates within the minimum distance of a hydrant', () => {
    const kept = placementCandidates(roads, hydrants, { minDistanceM: 60 });
    const expected = all.filter((c) => hydrants.every((h) => karney(c, h) > 60));
    expect(kept.map((c) => [c.road, c.chainageM])).toEqual(expected.map((c) => [c.road, c.chainageM]));
    expect(kept.length).toBeLessThan(all.length);
    expect(kept.length).toBeGreaterThan(0);
  });

  it('keeps one candidate where roads meet', () => {
    const a = travel(S, 0, 100);
    const cross = [{ coordinates: [pos(S), pos(a)] }, { coordinates: [pos(a), pos(travel(a, 90, 100))] }];
    const c = placementCandidates(cross, [], { minDistanceM: 0, stepM: 40 });
    expect(c.length).toBe(7); // 4 per 100 m road at ≤ 40 m, the junction once
    expect(c.filter((x) => x.lon === a.lon && x.lat === a.lat).length).toBe(1);
  });

  it('restricts to an area, holes excluded', () => {
    const ring = (x0: number, y0: number, s: number) => [
      [x0, y0],
      [x0 + s, y0],
      [x0 + s, y0 + s],
      [x0, y0 + s],
      [x0, y0],
    ];
    const area: Polygon = { type: 'Polygon', coordinates: [ring(113.6, 33.5, 0.006), ring(113.602, 33.502, 0.002)] };
    const inside = placementCandidates(roads, [], { minDistanceM: 0, area });
    const expected = all.filter((c) => {
      const inOuter = c.lon > 113.6 && c.lon < 113.606 && c.lat > 33.5 && c.lat < 33.506;
      const inHole = c.lon > 113.602 && c.lon < 113.604 && c.lat > 33.502 && c.lat < 33.504;
      return inOuter && !inHole;
    });
    expect(inside.length).toBe(expected.length);
    expect(inside.length).toBeGreaterThan(0);
    const multi = placementCandidates(roads, [], {
      minDistanceM: 0,
      area: { type: 'MultiPolygon', coordinates: [area.coordinates] },
    });
    expect(multi).toEqual(inside);
  });

  it('restricts to some townships', () => {
    const some = placementCandidates(roads, [], { minDistanceM: 0, townships: ['t1', 't3'] });
    const expected = all.filter((c) => c.township === 't1' || c.township === 't3');
    expect(some.map((c) => [c.road, c.chainageM])).toEqual(expected.map((c) => [c.road, c.chainageM]));
    expect(some.length).toBeGreaterThan(0);
  });

  it('rejects a step or a minimum distance out of range', () => {
    expect(() => placementCandidates(roads, [], { stepM: 0 })).toThrow(RangeError);
    expect(() => placementCandidates(roads, [], { minDistanceM: -1 })).toThrow(RangeError);
  });
});
