import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoCountyData } from '../../../data/synthetic/types';
import type { RealCountyData } from '../../../data/wuyang/load';
import { coordKey, demoCounty, ends, GENERATE_TIMEOUT_MS } from './demo-county';

let real: RealCountyData;
let data: DemoCountyData;
beforeAll(() => {
  ({ real, data } = demoCounty());
}, GENERATE_TIMEOUT_MS);

/** Node ids from exact endpoint coordinates (the rows are meant to share them exactly). */
function endpointGraph() {
  const ids = new Map<string, number>();
  const id = (p: Position) => {
    const k = coordKey(p);
    if (!ids.has(k)) ids.set(k, ids.size);
    return ids.get(k) as number;
  };
  const edges = data.roads.map((r) => {
    const [a, b] = ends(r.geom);
    return { from: id(a), to: id(b), oneway: r.oneway ?? false };
  });
  return { n: ids.size, edges };
}

function orient(a: Position, b: Position, c: Position): number {
  const v =
    ((b[0] as number) - (a[0] as number)) * ((c[1] as number) - (a[1] as number)) -
    ((b[1] as number) - (a[1] as number)) * ((c[0] as number) - (a[0] as number));
  return Math.sign(v);
}

function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    orient(a, b, p) === 0 &&
    Math.min(a[0] as number, b[0] as number) <= (p[0] as number) &&
    (p[0] as number) <= Math.max(a[0] as number, b[0] as number) &&
    Math.min(a[1] as number, b[1] as number) <= (p[1] as number) &&
    (p[1] as number) <= Math.max(a[1] as number, b[1] as number)
  );
}

describe('road classes', () => {
  it('has the eight classes with assumed speeds (docs/standards.md §3) and unique ranks', () => {
    const speed = Object.fromEntries(data.roadClasses.map((c) => [c.class, c.speedKmh]));
    expect(speed).toEqual({
      national: 60,
      provincial: 60,
      county: 45,
      township: 35,
      village: 25,
      urban_arterial: 40,
      urban_collector: 30,
      urban_local: 20,
    });
    expect(new Set(data.roadClasses.map((c) => c.rank)).size).toBe(8);
    expect(data.roadClasses.find((c) => c.rank === 1)?.class).toBe('national');
    for (const r of data.roads) expect(speed[r.class]).toBeDefined();
  });

  it('maps OSM highway tags: trunk/primary → arterial, secondary/tertiary → collector, others → local', () => {
    const expected = (h: string) =>
      /^(trunk|primary)(_link)?$/.test(h)
        ? 'urban_arterial'
        : /^(secondary|tertiary)(_link)?$/.test(h)
          ? 'urban_collector'
          : 'urban_local';
    const osm = data.roads.filter((r) => r.source === 'osm');
    expect(osm.length).toBeGreaterThan(148);
    for (const r of osm) expect(r.class).toBe(expected(r.osmHighway as string));
    expect(new Set(osm.map((r) => r.osmHighway))).toEqual(new Set(real.roads.map((r) => r.highway)));
  });
});

describe('road network', () => {
  it('has synthetic rural classes including 1–2 national and provincial corridors', () => {
    const classes = new Set(data.roads.filter((r) => r.source === 'synthetic').map((r) => r.class));
    for (const c of ['national', 'provincial', 'county', 'township', 'village']) expect(classes.has(c)).toBe(true);
  });

  it('lies within the county, every vertex', () => {
    for (const r of data.roads) {
      for (const p of r.geom.coordinates) expect(turf.booleanPointInPolygon(p, real.boundary)).toBe(true);
    }
  });

  it('stores the geodesic length of each edge', () => {
    for (const r of data.roads) {
      expect(Math.abs(r.lengthM - turf.length(turf.feature(r.geom), { units: 'meters' }))).toBeLessThan(0.05);
      expect(r.lengthM).toBeGreaterThan(0.5);
    }
  });

  it('is one connected component (union-find on endpoints)', () => {
    const { n, edges } = endpointGraph();
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (i: number): number => {
      let r = i;
      while (parent[r] !== r) r = parent[r] as number;
      return r;
    };
    for (const e of edges) parent[find(e.from)] = find(e.to);
    expect(new Set(parent.map((_, i) => find(i))).size).toBe(1);
  });

  it('is noded: no two rows meet except at a shared endpoint (grid + brute force)', () => {
    const segs = data.roads.flatMap((r, row) =>
      r.geom.coordinates.slice(1).map((b, k) => ({ row, a: r.geom.coordinates[k] as Position, b })),
    );
    const cell = 0.005;
    const grid = new Map<string, number[]>();
    segs.forEach((s, i) => {
      const [x0, x1] = [Math.min(s.a[0] as number, s.b[0] as number), Math.max(s.a[0] as number, s.b[0] as number)];
      const [y0, y1] = [Math.min(s.a[1] as number, s.b[1] as number), Math.max(s.a[1] as number, s.b[1] as number)];
      for (let cx = Math.floor(x0 / cell); cx <= Math.floor(x1 / cell); cx++) {
        for (let cy = Math.floor(y0 / cell); cy <= Math.floor(y1 / cell); cy++) {
          const key = `${cx},${cy}`;
          grid.set(key, [...(grid.get(key) ?? []), i]);
        }
      }
    });
    const rowEnds = data.roads.map((r) => ends(r.geom).map(coordKey));
    const sharedEnd = (p: Position, r1: number, r2: number) =>
      rowEnds[r1]?.includes(coordKey(p)) && rowEnds[r2]?.includes(coordKey(p));
    const bad = new Set<string>();
    for (const list of grid.values()) {
      for (const i of list) {
        for (const j of list) {
          const s = segs[i] as (typeof segs)[number];
          const t = segs[j] as (typeof segs)[number];
          if (j <= i || s.row === t.row) continue;
          const o1 = orient(s.a, s.b, t.a);
          const o2 = orient(s.a, s.b, t.b);
          const o3 = orient(t.a, t.b, s.a);
          const o4 = orient(t.a, t.b, s.b);
          if (o1 * o2 < 0 && o3 * o4 < 0) {
            bad.add(`${s.row}×${t.row} cross`);
            continue;
          }
          const touching = [
            [t.a, s],
            [t.b, s],
            [s.a, t],
            [s.b, t],
          ] as const;
          for (const [p, seg] of touching) {
            if (onSegment(p, seg.a, seg.b) && !sharedEnd(p, s.row, t.row)) bad.add(`${s.row}×${t.row} touch`);
          }
          // Collinear overlap of more than a point is caught above: an end of one lies inside the other.
        }
      }
    }
    expect([...bad]).toEqual([]);
  });

  it('has 4–8 short one-way town streets and stays strongly connected', () => {
    const oneways = data.roads.filter((r) => r.oneway);
    expect(oneways.length).toBeGreaterThanOrEqual(4);
    expect(oneways.length).toBeLessThanOrEqual(8);
    for (const r of oneways) {
      expect(r.source).toBe('osm');
      expect(['urban_local', 'urban_collector']).toContain(r.class);
      expect(r.lengthM).toBeLessThan(500);
    }
    const { n, edges } = endpointGraph();
    const reach = (forward: boolean) => {
      const adj: number[][] = Array.from({ length: n }, () => []);
      for (const e of edges) {
        const [a, b] = forward ? [e.from, e.to] : [e.to, e.from];
        adj[a]?.push(b);
        if (!e.oneway) adj[b]?.push(a);
      }
      const seen = new Set([0]);
      const queue = [0];
      for (let head = 0; head < queue.length; head++) {
        for (const v of adj[queue[head] as number] ?? []) {
          if (!seen.has(v)) {
            seen.add(v);
            queue.push(v);
          }
        }
      }
      return seen.size;
    };
    expect(reach(true)).toBe(n);
    expect(reach(false)).toBe(n);
  });
});
