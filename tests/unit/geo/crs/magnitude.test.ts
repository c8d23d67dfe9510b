import { describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../../../server/geo/crs/convert';
import { guessByMagnitude } from '../../../../server/geo/crs/magnitude';
import type { CrsId, XY } from '../../../../server/geo/crs/systems';
import { COUNTY } from './geodesic';

const WUYANG_LON = 113.65;
const make = (system: CrsId, swap = false): XY[] =>
  COUNTY.map((p) => {
    const [a, b] = fromWgs84(system, p);
    return swap ? [b, a] : [a, b];
  });
const systemsOf = (points: XY[], centreLon?: number) =>
  guessByMagnitude(points, { centreLon }).candidates.map((c) => `${c.system}${c.swapAxes ? ' swapped' : ''}`);

describe('guessByMagnitude', () => {
  it('degrees in China: WGS84, GCJ-02 and BD-09 alike (for road fit); swapped lat, lon detected', () => {
    for (const system of ['wgs84', 'gcj02', 'bd09'] as const) {
      const guess = guessByMagnitude(make(system));
      expect(guess.kind).toBe('geographic');
      expect(systemsOf(make(system))).toEqual(['wgs84', 'gcj02', 'bd09']);
      expect(systemsOf(make(system, true))).toEqual(['wgs84 swapped', 'gcj02 swapped', 'bd09 swapped']);
      expect(guess.candidates[0]?.points).toBe(COUNTY.length);
    }
  });

  it('zone-prefixed eastings 38xxxxxx → zone 38 → EPSG:4526 (prefixed zone z ↔ EPSG 4513 + z − 25), either axis order', () => {
    expect(make('epsg:4526').every(([x]) => x >= 38_000_000 && x < 39_000_000)).toBe(true);
    const guess = guessByMagnitude(make('epsg:4526'));
    expect(guess.kind).toBe('projected');
    expect(systemsOf(make('epsg:4526'))).toEqual(['epsg:4526']);
    expect(guess.candidates[0]?.reason).toContain('zone 38');
    expect(systemsOf(make('epsg:4526', true))).toEqual(['epsg:4526 swapped']);
    // Zones 25 and 45, at the ends of the range.
    expect(systemsOf([fromWgs84('epsg:4513', [75.5, 40])])).toEqual(['epsg:4513']);
    expect(systemsOf([fromWgs84('epsg:4533', [134, 47])])).toEqual(['epsg:4533']);
  });

  it('CM eastings ~500,000 with northings ~3.7e6 need the county centre: 113.65°E → EPSG:4547 (CM 114°E)', () => {
    const points = make('epsg:4547');
    expect(points.every(([x, y]) => Math.abs(x - 500_000) < 100_000 && Math.abs(y - 3.7e6) < 0.1e6)).toBe(true);
    expect(systemsOf(points, WUYANG_LON)).toEqual(['epsg:4547']);
    expect(systemsOf(make('epsg:4547', true), WUYANG_LON)).toEqual(['epsg:4547 swapped']);
    const unhinted = systemsOf(points);
    expect(unhinted).toHaveLength(21);
    expect(unhinted[0]).toBe('epsg:4534');
    expect(unhinted).toContain('epsg:4547');
  });

  it('near a zone edge: the zone whose conversion lands at the county centre, not the centre’s nearest CM', () => {
    // 112.6°E: 0.1° east of the edge between zones 37 (CM 111) and 38 (CM 114), projected on zone 37.
    const points = [fromWgs84('epsg:4546', [112.6, 33.5]), fromWgs84('epsg:4546', [112.7, 33.6])];
    expect(systemsOf(points, 112.65)).toEqual(['epsg:4546']);
    const edge = [fromWgs84('epsg:4546', [112.5, 33.5])];
    expect(systemsOf(edge, 112.5)).toEqual(['epsg:4546']);
  });

  it('Mercator metres (x ~1.26e7, y ~3.9e6): Baidu and Web Mercator both, for road fit', () => {
    for (const system of ['bd09mc', 'epsg:3857'] as const) {
      const points = make(system);
      expect(points.every(([x, y]) => Math.abs(x - 1.265e7) < 0.05e7 && Math.abs(y - 3.95e6) < 0.1e6)).toBe(true);
      expect(systemsOf(points)).toEqual(['bd09mc', 'epsg:3857']);
      expect(systemsOf(make(system, true))).toEqual(['bd09mc swapped', 'epsg:3857 swapped']);
    }
  });

  it('reports points no system explains, non-numbers, and 6° zone prefixes', () => {
    const points: XY[] = [...make('wgs84').slice(0, 10), [0, 0], [1e9, 5], [Number.NaN, 3]];
    const guess = guessByMagnitude(points);
    expect(guess.kind).toBe('geographic');
    expect(guess.points).toBe(12);
    expect(guess.unexplained).toBe(2);
    expect(guess.reasons.join('\n')).toMatch(/2 of 12 points fit no supported system/);
    expect(guess.reasons.join('\n')).toMatch(/1 points are not two numbers/);
    const six = guessByMagnitude([[19_600_000, 3_700_000]]);
    expect(six.candidates).toEqual([]);
    expect(six.reasons.join('\n')).toMatch(/6° Gauss-Krüger/);
    expect(guessByMagnitude([]).kind).toBe('unknown');
  });

  it('mixed files: the commonest class first', () => {
    const points = [...make('epsg:4526').slice(0, 20), ...make('wgs84').slice(0, 5)];
    const guess = guessByMagnitude(points);
    expect(guess.kind).toBe('projected');
    expect(guess.candidates.map((c) => [c.system, c.points])).toEqual([
      ['epsg:4526', 20],
      ['wgs84', 5],
      ['gcj02', 5],
      ['bd09', 5],
    ]);
  });
});
