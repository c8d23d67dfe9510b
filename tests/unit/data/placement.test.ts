import * as turf from '@turf/turf';
import type { Point } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoCountyData } from '../../../data/synthetic/types';
import { demoCounty, GENERATE_TIMEOUT_MS } from './demo-county';

let data: DemoCountyData;
beforeAll(() => {
  ({ data } = demoCounty());
}, GENERATE_TIMEOUT_MS);

function misplaced(rows: { townshipCode?: string | null; geom: Point }[]): number {
  const byCode = new Map(data.townships.map((t) => [t.code, t.geom]));
  return rows.filter((r) => {
    const geom = r.townshipCode ? byCode.get(r.townshipCode) : undefined;
    return !geom || !turf.booleanPointInPolygon(r.geom.coordinates, geom);
  }).length;
}

describe('every point lies in its own township (turf point-in-polygon)', () => {
  it('villages', () => expect(misplaced(data.villages)).toBe(0));
  it('sites', () => expect(misplaced(data.sites)).toBe(0));
  it('units', () => expect(misplaced(data.units)).toBe(0));
  it('hydrants', () => expect(misplaced(data.hydrants)).toBe(0));
});

describe('hydrants', () => {
  it('sit 1–2 m from a road centreline (GB 50974-2014 §7.2.6 kerb distance), except natural water points', () => {
    const lines = data.roads.map((r) => ({ line: turf.feature(r.geom), bbox: turf.bbox(r.geom) }));
    const pad = 0.001; // ≈ 100 m: a prefilter only
    for (const h of data.hydrants.filter((x) => x.kind !== 'natural')) {
      const [x, y] = h.geom.coordinates as [number, number];
      const near = lines.filter(
        ({ bbox: b }) => x >= b[0] - pad && x <= b[2] + pad && y >= b[1] - pad && y <= b[3] + pad,
      );
      const d = Math.min(...near.map(({ line }) => turf.pointToLineDistance([x, y], line, { units: 'meters' })));
      expect(d).toBeGreaterThan(0.8);
      expect(d).toBeLessThan(2.3);
    }
  });

  it('have 600–900 rows, unique codes, sane flows and consistent dates', () => {
    expect(data.hydrants.length).toBeGreaterThanOrEqual(600);
    expect(data.hydrants.length).toBeLessThanOrEqual(900);
    expect(new Set(data.hydrants.map((h) => h.code)).size).toBe(data.hydrants.length);
    for (const h of data.hydrants) {
      if (h.flowLps != null) {
        expect(h.flowLps).toBeGreaterThanOrEqual(10);
        expect(h.flowLps).toBeLessThanOrEqual(30);
      }
      if (h.pressureMpa != null) expect(h.pressureMpa).toBeGreaterThanOrEqual(0.1);
      if (h.installedOn && h.lastInspectedOn) expect(h.lastInspectedOn >= h.installedOn).toBe(true);
      if (h.lastInspectedOn) expect(h.lastInspectedOn <= '2023-12-31').toBe(true);
      if (h.status === 'planned') expect(h.installedOn).toBeNull();
    }
    const statuses = new Set(data.hydrants.map((h) => h.status));
    expect([...statuses].sort()).toEqual(['faulty', 'ok', 'out_of_service', 'planned']);
  });
});

describe('sites', () => {
  it('are high-rise by height only when high_rise (GB 50016-2014 §2.1.1)', () => {
    for (const s of data.sites) {
      if (s.category === 'high_rise') expect(s.heightM as number).toBeGreaterThan(s.name.endsWith('号楼') ? 27 : 24);
      else expect(s.heightM as number).toBeLessThanOrEqual(24);
    }
  });

  it('are densest in the county-seat township and nine_small is the largest class', () => {
    const counts = new Map<string, number>();
    for (const s of data.sites) counts.set(s.townshipCode, (counts.get(s.townshipCode) ?? 0) + 1);
    const wuquan = data.townships.find((t) => t.name === '舞泉镇')?.code as string;
    expect(Math.max(...counts.values())).toBe(counts.get(wuquan));
    const byCategory = new Map<string, number>();
    for (const s of data.sites) byCategory.set(s.category, (byCategory.get(s.category) ?? 0) + 1);
    expect(Math.max(...byCategory.values())).toBe(byCategory.get('nine_small'));
    expect(byCategory.size).toBe(7);
  });
});
