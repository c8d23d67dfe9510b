/**
 * Round trips WGS84 → system → WGS84 within 0.1 m for every system, over Wuyang county and, for
 * the obfuscated systems, over China; distances by GeographicLib. Also measures gcoord's own
 * inverses, which the kernel refines (server/geo/crs/iterative-inverse.ts).
 */
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { fromWgs84, toWgs84 } from '../../../../server/geo/crs/convert';
import { GAUSS_KRUGER_ZONES } from '../../../../server/geo/crs/gauss-kruger';
import type { CrsId, XY } from '../../../../server/geo/crs/systems';
import { CHINA, COUNTY, grid, metres } from './geodesic';

const MAX_M = 0.1;

function worstRoundTrip(system: CrsId, points: XY[]): number {
  return Math.max(...points.map((p) => metres(toWgs84(system, fromWgs84(system, p)), p)));
}

describe('round trips ≤ 0.1 m', () => {
  const systems: CrsId[] = ['wgs84', 'cgcs2000', 'gcj02', 'bd09', 'bd09mc', 'epsg:3857', 'epsg:4526', 'epsg:4547'];
  for (const system of systems) {
    it(`${system} over the county (${COUNTY.length} points)`, () => {
      expect(worstRoundTrip(system, COUNTY)).toBeLessThanOrEqual(MAX_M);
    });
  }
  for (const system of ['gcj02', 'bd09', 'bd09mc', 'epsg:3857'] as const) {
    it(`${system} over China (${CHINA.length} points)`, () => {
      expect(worstRoundTrip(system, CHINA)).toBeLessThanOrEqual(MAX_M);
    });
  }
  it('every Gauss-Krüger zone over its own 3° band (lat 18–53°N)', () => {
    for (const zone of GAUSS_KRUGER_ZONES.values()) {
      const cm = zone.centralMeridian;
      const points = grid(cm - 1.5, cm + 1.5, 18, 53, 6, 7);
      expect(worstRoundTrip(`epsg:${zone.epsg}`, points), `EPSG:${zone.epsg}`).toBeLessThanOrEqual(MAX_M);
    }
  });
});

describe("gcoord's inverses (why the kernel refines them)", () => {
  const gcoordInverse: [CrsId, Parameters<typeof gcoord.transform>[1]][] = [
    ['gcj02', gcoord.GCJ02],
    ['bd09', gcoord.BD09],
    ['bd09mc', gcoord.BD09MC],
  ];
  // Measured with gcoord 1.0.7 (county / China, worst): GCJ-02 0.011 / 0.115 m, BD-09 0.134 /
  // 0.200 m, Baidu Mercator 0.145 / 0.256 m; the refined inverses: below 2e-5 m everywhere.
  it('miss by more than 0.1 m somewhere in China, and the refined ones by under 0.001 m', () => {
    for (const [system, crs] of gcoordInverse) {
      const theirs = Math.max(
        ...CHINA.map((p) => metres(gcoord.transform(fromWgs84(system, p), crs, gcoord.WGS84) as XY, p)),
      );
      expect(theirs, system).toBeGreaterThan(MAX_M);
      expect(worstRoundTrip(system, CHINA), system).toBeLessThan(0.001);
    }
  });
});
