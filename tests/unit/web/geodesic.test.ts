/** The measure tool's distances (web/map/geodesic.ts) against GeographicLib's exact inverse. */
import { Geodesic } from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { formatDistance, geodesicDistance, pathLength } from '../../../web/map/geodesic';
import type { LngLat } from '../../../web/state/tool-machine';

const WGS84 = Geodesic.WGS84;
const exact = ([lon1, lat1]: LngLat, [lon2, lat2]: LngLat) => WGS84.Inverse(lat1, lon1, lat2, lon2).s12 as number;

const pairs: [LngLat, LngLat][] = [
  // across the county seat (a few km), a street (~100 m), the county (tens of km)
  [
    [113.598, 33.437],
    [113.642, 33.421],
  ],
  [
    [113.6001, 33.4301],
    [113.6012, 33.4306],
  ],
  [
    [113.45, 33.4],
    [113.87, 33.72],
  ],
  // long lines: Beijing – Guangzhou, across the equator
  [
    [116.4, 39.9],
    [113.26, 23.13],
  ],
  [
    [10, -30],
    [-50, 40],
  ],
];

describe('geodesic distance', () => {
  it.each(pairs)('agrees with GeographicLib to a millimetre per 10 km: %j → %j', (p, q) => {
    const s = exact(p, q);
    expect(Math.abs(geodesicDistance(p, q) - s)).toBeLessThan(Math.max(1e-3, s * 1e-7));
  });

  it('is 0 between a point and itself, symmetric', () => {
    expect(geodesicDistance([113.6, 33.4], [113.6, 33.4])).toBe(0);
    const [p, q] = pairs[0] as [LngLat, LngLat];
    expect(geodesicDistance(p, q)).toBeCloseTo(geodesicDistance(q, p), 6);
  });

  it('falls back within 0.5 % for nearly antipodal points', () => {
    const p: LngLat = [0, 0.5];
    const q: LngLat = [179.7, -0.5];
    expect(Math.abs(geodesicDistance(p, q) - exact(p, q)) / exact(p, q)).toBeLessThan(0.005);
  });

  it('sums a polyline segment by segment', () => {
    const line: LngLat[] = [
      [113.6, 33.43],
      [113.61, 33.43],
      [113.61, 33.44],
    ];
    const expected = exact(line[0] as LngLat, line[1] as LngLat) + exact(line[1] as LngLat, line[2] as LngLat);
    expect(pathLength(line)).toBeCloseTo(expected, 3);
    expect(pathLength(line.slice(0, 1))).toBe(0);
  });

  it('formats metres below a kilometre, kilometres above', () => {
    expect(formatDistance(849.6)).toBe('850 m');
    expect(formatDistance(12_345)).toBe('12.35 km');
  });
});
