import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoCountyData } from '../../../data/synthetic/types';
import type { RealCountyData } from '../../../data/wuyang/load';
import { demoCounty, GENERATE_TIMEOUT_MS } from './demo-county';

let real: RealCountyData;
let data: DemoCountyData;
beforeAll(() => {
  ({ real, data } = demoCounty());
}, GENERATE_TIMEOUT_MS);

const km2 = (g: Polygon | MultiPolygon) => turf.area(g) / 1e6;

describe('townships', () => {
  it('are the 14 real units with their NBS codes, names and kinds', () => {
    expect(data.townships.map((t) => [t.code, t.name, t.kind])).toEqual(
      real.townships.map((t) => [t.code, t.name, t.kind]),
    );
    for (const t of data.townships) {
      expect(t.code).toMatch(/^411121\d{3}$/);
      expect(t.adcode).toBe('411121');
      expect(t.synthetic).toBe(true);
    }
  });

  it('have plausible areas (30–90 km²) that are their geodesic areas', () => {
    for (const t of data.townships) {
      expect(t.areaKm2).toBeGreaterThanOrEqual(30);
      expect(t.areaKm2).toBeLessThanOrEqual(90);
      expect(Math.abs(t.areaKm2 - km2(t.geom))).toBeLessThan(0.01);
    }
  });

  it('tile the county: areas add up to the county within 0.5 %', () => {
    const county = km2(real.boundary);
    const sum = data.townships.reduce((s, t) => s + km2(t.geom), 0);
    expect(county).toBeGreaterThan(700);
    expect(Math.abs(sum - county) / county).toBeLessThan(0.005);
  });

  it('tile the county: no two overlap (every pair, intersection area ≈ 0)', () => {
    let overlap = 0;
    for (let i = 0; i < data.townships.length; i++) {
      for (let j = i + 1; j < data.townships.length; j++) {
        const a = data.townships[i]?.geom as MultiPolygon;
        const b = data.townships[j]?.geom as MultiPolygon;
        const both = turf.intersect(turf.featureCollection([turf.feature(a), turf.feature(b)]));
        if (both) overlap += km2(both.geometry);
      }
    }
    expect(overlap).toBeLessThan(0.01);
  });

  it('lie inside the county (the union of townships is within the outline)', () => {
    for (const t of data.townships) {
      const outside = turf.difference(turf.featureCollection([turf.feature(t.geom), turf.feature(real.boundary)]));
      expect(outside ? km2(outside.geometry) : 0).toBeLessThan(0.01);
    }
  });

  it('have their seat inside; 舞泉镇 has the real county-seat point', () => {
    for (const t of data.townships) expect(turf.booleanPointInPolygon(t.seat.coordinates, t.geom)).toBe(true);
    const wuquan = data.townships.find((t) => t.name === '舞泉镇');
    expect(wuquan?.seat.coordinates).toEqual([113.604659, 33.438071]);
  });
});

describe('villages', () => {
  it('are the 398 real villages, as many per township as villages.csv has', () => {
    expect(data.villages).toHaveLength(398);
    expect(data.villages.map((v) => v.code).sort()).toEqual(real.villages.map((v) => v.code).sort());
    for (const t of real.townships) {
      expect(data.villages.filter((v) => v.townshipCode === t.code)).toHaveLength(t.villageCount);
    }
  });

  it('are at least 600 m apart and outside the county-seat town', () => {
    const pts = data.villages.map((v) => v.geom.coordinates);
    let min = Infinity;
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        min = Math.min(min, turf.distance(pts[i] as number[], pts[j] as number[], { units: 'meters' }));
      }
    }
    expect(min).toBeGreaterThanOrEqual(599);
    const [lon, lat] = real.osmExtract.center as [number, number];
    for (const p of pts) {
      const dx = turf.distance([lon, lat], [p[0] as number, lat], { units: 'meters' });
      const dy = turf.distance([lon, lat], [lon, p[1] as number], { units: 'meters' });
      expect(Math.max(dx, dy)).toBeGreaterThan(real.osmExtract.halfSizeM);
    }
  });
});
