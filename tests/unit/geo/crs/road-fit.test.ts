/**
 * Road-fit detection on the demo county (data/synthetic): its hydrants stand on the streets (median
 * 1.5 m), its sites 12–60 m back from them. Files are made by shifting them into each system.
 */
import { pointToLineDistance } from '@turf/turf';
import type { LineString, Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../../../server/geo/crs/convert';
import { guessByMagnitude } from '../../../../server/geo/crs/magnitude';
import { type RoadSegment, rankByRoadFit } from '../../../../server/geo/crs/road-fit';
import type { CrsId, XY } from '../../../../server/geo/crs/systems';
import { demoCounty, GENERATE_TIMEOUT_MS } from '../../data/demo-county';

let roads: LineString[];
let segments: RoadSegment[];
let hydrants: XY[];
let sites: XY[];

beforeAll(() => {
  const { data } = demoCounty();
  roads = data.roads.map((r) => r.geom as LineString);
  segments = roads.flatMap((line) =>
    line.coordinates.slice(1).map((p, i) => [line.coordinates[i] as XY, p as XY] as const),
  );
  hydrants = data.hydrants.map((h) => (h.geom as Point).coordinates as XY);
  // Every 20th site: 775 sites over the whole county.
  sites = data.sites.filter((_, i) => i % 20 === 0).map((s) => (s.geom as Point).coordinates as XY);
}, GENERATE_TIMEOUT_MS);

const shift = (points: XY[], system: CrsId, swap = false): XY[] =>
  points.map((p) => {
    const [a, b] = fromWgs84(system, p);
    return swap ? [b, a] : [a, b];
  });

function detect(points: XY[]) {
  return rankByRoadFit(points, guessByMagnitude(points, { centreLon: 113.65 }).candidates, segments);
}

const SYSTEMS: CrsId[] = ['wgs84', 'gcj02', 'bd09', 'bd09mc', 'epsg:3857', 'epsg:4547', 'epsg:4526'];

describe('rankByRoadFit', () => {
  it('measures the distance to the nearest road as turf does (brute force over every road)', () => {
    const sample = hydrants.filter((_, i) => i % 7 === 0);
    const fit = rankByRoadFit(sample, [{ system: 'wgs84' }], segments);
    const brute = sample
      .map((p) => Math.min(...roads.map((line) => pointToLineDistance(p, line, { units: 'meters' }))))
      .sort((a, b) => a - b);
    const mid = brute.length >> 1;
    const median =
      brute.length % 2 ? (brute[mid] as number) : ((brute[mid - 1] as number) + (brute[mid] as number)) / 2;
    expect(fit.fits[0]?.pointsUsed).toBe(sample.length);
    expect(Math.abs((fit.fits[0]?.medianM as number) - median)).toBeLessThanOrEqual(Math.max(0.1, 0.01 * median));
  });

  for (const system of SYSTEMS) {
    it(`demo hydrants in ${system} → ${system}, in either axis order`, () => {
      for (const swap of [false, true]) {
        const fit = detect(shift(hydrants, system, swap));
        expect(fit.uncertain, fit.reason).toBe(false);
        expect(fit.choice?.system).toBe(system);
        expect(fit.choice?.swapAxes).toBe(swap);
        expect(fit.choice?.pointsUsed).toBe(hydrants.length);
        expect(fit.choice?.medianM).toBeLessThan(5);
      }
    });
  }

  it('hydrants and sites mixed, in WGS84 / GCJ-02 / BD-09 → the right one, the others ≥ 10× farther', () => {
    const mixed = [...hydrants.slice(0, 300), ...sites.slice(0, 300)];
    for (const system of ['wgs84', 'gcj02', 'bd09'] as const) {
      const fit = detect(shift(mixed, system));
      expect(fit.choice?.system, fit.reason).toBe(system);
      const [best, next] = fit.fits;
      expect((next?.medianM as number) / (best?.medianM as number)).toBeGreaterThan(10);
    }
  });

  it('sites alone (set back 12–60 m): the right system ranks first, but the default rule says uncertain', () => {
    for (const system of ['wgs84', 'gcj02', 'bd09'] as const) {
      const fit = detect(shift(sites, system));
      expect(fit.fits[0]?.system).toBe(system);
      expect(fit.uncertain).toBe(true);
      expect(fit.choice).toBeNull();
    }
  });

  it('points far from every road → uncertain', () => {
    // A grid over the county, keeping the points ≥ 150 m from every road (by turf, over the roads
    // whose box grown by 0.002° — ≥ 185 m here — holds the point; the others are farther anyway).
    const boxes = roads.map((line) => {
      const lons = line.coordinates.map((c) => c[0] as number);
      const lats = line.coordinates.map((c) => c[1] as number);
      return [
        Math.min(...lons) - 0.002,
        Math.min(...lats) - 0.002,
        Math.max(...lons) + 0.002,
        Math.max(...lats) + 0.002,
      ];
    });
    const far: XY[] = [];
    for (let lon = 113.42; lon < 113.88; lon += 0.013) {
      for (let lat = 33.42; lat < 33.68; lat += 0.011) {
        const p: XY = [lon, lat];
        const near = roads.filter((_, i) => {
          const [x0, y0, x1, y1] = boxes[i] as number[];
          return lon >= (x0 as number) && lon <= (x1 as number) && lat >= (y0 as number) && lat <= (y1 as number);
        });
        if (near.every((line) => pointToLineDistance(p, line, { units: 'meters' }) >= 150)) far.push(p);
      }
    }
    expect(far.length).toBeGreaterThan(100);
    for (const system of ['wgs84', 'gcj02', 'bd09'] as const) {
      const fit = detect(shift(far, system));
      expect(fit.uncertain, fit.reason).toBe(true);
      expect(fit.choice).toBeNull();
      expect(fit.fits.every((f) => (f.medianM as number) >= 15)).toBe(true);
    }
  });

  it('points outside the roads’ area, or too few → uncertain', () => {
    const elsewhere = shift(
      hydrants.map(([lon, lat]) => [lon + 3, lat + 2]),
      'gcj02',
    );
    const away = detect(elsewhere);
    expect(away.uncertain).toBe(true);
    expect(away.fits.every((f) => f.pointsUsed === 0 && f.medianM === null)).toBe(true);
    const few = detect(shift(hydrants.slice(0, 4), 'gcj02'));
    expect(few.uncertain).toBe(true);
    expect(few.reason).toMatch(/only 4 points/);
    expect(rankByRoadFit(hydrants, [{ system: 'wgs84' }], []).uncertain).toBe(true);
  });
});
