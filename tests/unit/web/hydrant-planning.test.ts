/**
 * Pure helpers of the 消火栓规划 state: protection circles (oracle: GeographicLib's exact
 * ellipsoidal inverse), before / after rows, the working set, formatting and weight units.
 */
import { Geodesic } from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import type { HydrantProposal } from '../../../web/panels/hydrant-planning/api';
import { circleCollection, protectionCircle } from '../../../web/panels/hydrant-planning/circles';
import {
  beforeAfterRows,
  formatMetres,
  formatPercent,
  formatSigned,
  metresPerSite,
  perMetreOf,
  whatIfTotals,
  workingSet,
} from '../../../web/panels/hydrant-planning/totals';

const geod = Geodesic.WGS84;

function inverse(lat1: number, lon1: number, lat2: number, lon2: number): { s12: number; azi1: number } {
  const r = geod.Inverse(lat1, lon1, lat2, lon2);
  return { s12: r.s12 as number, azi1: r.azi1 as number };
}

describe('protectionCircle: a real polygon in metres on the WGS84 ellipsoid', () => {
  it('every vertex lies at the radius from the centre to a millimetre (Wuyang, the equator, 60°N)', () => {
    for (const [lon, lat] of [
      [113.6, 33.43],
      [10, 0],
      [25, 60],
      [-70, -45],
    ] as const) {
      for (const radius of [50, 150, 1000]) {
        const ring = protectionCircle(lon, lat, radius, 64).coordinates[0] as number[][];
        expect(ring.length).toBe(65);
        expect(ring[0]).toEqual(ring[64]);
        for (const [x, y] of ring) {
          const d = inverse(lat, lon, y as number, x as number).s12;
          // second-order terms grow as r²·tan φ / R: under 1 mm at 150 m in Wuyang, ≤ 10 cm at 1 km
          const tolerance = radius > 150 ? 0.1 : Math.abs(lat) < 40 ? 1e-3 : 3e-3;
          expect(Math.abs(d - radius), `${lon},${lat} r=${radius}`).toBeLessThan(tolerance);
        }
      }
    }
  });

  it('vertices are evenly spaced in azimuth and go counter-clockwise (positive shoelace area)', () => {
    const ring = protectionCircle(113.6, 33.43, 150, 32).coordinates[0] as number[][];
    const azimuths = ring.slice(0, -1).map(([x, y]) => inverse(33.43, 113.6, y as number, x as number).azi1);
    for (let i = 1; i < azimuths.length; i++) {
      const step = ((((azimuths[i - 1] as number) - (azimuths[i] as number)) % 360) + 360) % 360;
      expect(step).toBeCloseTo(360 / 32, 1);
    }
    let area = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i] as number[];
      const [x2, y2] = ring[i + 1] as number[];
      area += (x1 as number) * (y2 as number) - (x2 as number) * (y1 as number);
    }
    expect(area).toBeGreaterThan(0);
  });

  it('is not a pixel or degree circle: its extent in degrees is GeographicLib’s 150 m north and east', () => {
    const ring = protectionCircle(113.6, 33.43, 150).coordinates[0] as number[][];
    const xs = ring.map((p) => p[0] as number);
    const ys = ring.map((p) => p[1] as number);
    const north = geod.Direct(33.43, 113.6, 0, 150);
    const east = geod.Direct(33.43, 113.6, 90, 150);
    expect(Math.max(...ys) - 33.43).toBeCloseTo((north.lat2 as number) - 33.43, 9);
    expect(Math.max(...xs) - 113.6).toBeCloseTo((east.lon2 as number) - 113.6, 9);
    // a sphere (or a degree circle) would be 0.25 % off north-south here
    expect((Math.max(...xs) - 113.6) / (Math.max(...ys) - 33.43)).not.toBeCloseTo(
      1 / Math.cos((33.43 * Math.PI) / 180),
      3,
    );
  });

  it('circleCollection: one polygon per point, ids and properties kept', () => {
    const fc = circleCollection(
      [
        { id: 7, code: 'HY-0007', lon: 113.6, lat: 33.43 },
        { id: 9, code: 'HY-0009', lon: 113.61, lat: 33.44 },
      ],
      150,
    );
    expect(fc.features.map((f) => [f.id, f.properties])).toEqual([
      [7, { id: 7, code: 'HY-0007' }],
      [9, { id: 9, code: 'HY-0009' }],
    ]);
    expect(fc.features[1]?.geometry).toEqual(protectionCircle(113.61, 33.44, 150));
  });
});

describe('totals', () => {
  const before = { sitesCovered: 5885, sitesPercent: 37.97, uncoveredRoadM: 53940.8, spacingGapM: 68534.8 };

  it('beforeAfterRows: change and tone — more sites good, fewer uncovered metres good, more gap metres bad', () => {
    const after = { sitesCovered: 6448, sitesPercent: 41.6, uncoveredRoadM: 44114.7, spacingGapM: 72554.8 };
    const rows = beforeAfterRows(before, after);
    expect(rows.map((r) => r.key)).toEqual(['sitesCovered', 'sitesPercent', 'uncoveredRoadM', 'spacingGapM']);
    expect(rows.map((r) => r.tone)).toEqual(['good', 'good', 'good', 'bad']);
    expect(rows[0]?.change).toBe(563);
    expect(rows[2]?.change).toBeCloseTo(-9826.1, 6);
    expect(beforeAfterRows(before, before).every((r) => r.tone === 'same' && r.change === 0)).toBe(true);
    const worse = beforeAfterRows(before, { ...before, sitesCovered: 5800, uncoveredRoadM: 60000 });
    expect(worse[0]?.tone).toBe('bad');
    expect(worse[2]?.tone).toBe('bad');
  });

  it('whatIfTotals: the what-if answer read as plan totals', () => {
    expect(whatIfTotals({ covered: 10, percent: 50, uncoveredRoadM: 3, spacingGapM: 4, roadM: 9 } as never)).toEqual({
      sitesCovered: 10,
      sitesPercent: 50,
      uncoveredRoadM: 3,
      spacingGapM: 4,
    });
  });

  it('workingSet: the proposals not rejected, as [lon, lat] in rank order', () => {
    const p = (rank: number) => ({ rank, lon: 113 + rank, lat: 33 + rank }) as unknown as HydrantProposal;
    expect(workingSet([p(1), p(2), p(3)], new Set([2]))).toEqual([
      [114, 34],
      [116, 36],
    ]);
    expect(workingSet([p(1)], new Set())).toEqual([[114, 34]]);
    expect(workingSet([p(1)], new Set([1]))).toEqual([]);
  });

  it('formats percent, metres and signed changes', () => {
    expect(formatPercent(37.96774193548387)).toBe('37.97%');
    expect(formatMetres(53940.77886690735)).toBe('53,941');
    expect(formatSigned(563)).toBe('+563');
    expect(formatSigned(-1234)).toBe('−1,234');
    expect(formatSigned(0)).toBe('±0');
    expect(formatSigned(-9826.1, formatMetres)).toBe('−9,826');
  });

  it('street weight: metres per low-risk site ↔ the API’s perMetre', () => {
    expect(metresPerSite(1 / 150)).toBe(150);
    expect(perMetreOf(150)).toBeCloseTo(1 / 150, 15);
    expect(perMetreOf(0)).toBe(0);
    expect(metresPerSite(0)).toBe(0);
  });
});
