/**
 * The inspection route (issue 13): the tour visits every point exactly once, is never longer than
 * the nearest-neighbour tour it starts from, and on small inputs is no shorter than the optimum
 * found by trying every order (so `tourLength` is honest); road distances equal Floyd–Warshall
 * over the same edges (undirected, by length) plus the off-road legs, with every edge scanned
 * for the nearest road position.
 */
import { describe, expect, it } from 'vitest';
import { graphFromEdgeTable } from '../../../server/analysis/edge-table';
import {
  type DistanceMatrix,
  inspectionTour,
  nearestNeighbourTour,
  tourLength,
} from '../../../server/analysis/inspection-route';
import { roadDistanceMatrix } from '../../../server/analysis/road-distance-matrix';
import { segmentIndex } from '../../../server/analysis/snap';
import { closestOnSegment, floydWarshall, prng, randomEdgeTable } from './oracles';

function euclidean(points: readonly [number, number][]): DistanceMatrix {
  const n = points.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [a, b] = [points[i] as [number, number], points[j] as [number, number]];
      m[i * n + j] = Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
  }
  return { n, m };
}

function randomPoints(rand: () => number, n: number): [number, number][] {
  return Array.from({ length: n }, () => [rand() * 5000, rand() * 5000]);
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('inspection tour: nearest neighbour + 2-opt', () => {
  it('visits every point once and is no longer than the nearest-neighbour tour', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = prng(seed);
      const d = euclidean(randomPoints(rand, 2 + Math.floor(rand() * 60)));
      const t = inspectionTour(d);
      expect([...t.order].sort((a, b) => a - b)).toEqual(Array.from({ length: d.n - 1 }, (_, i) => i + 1));
      expect(t.nearestNeighbour.order).toEqual(nearestNeighbourTour(d));
      expect(t.lengthM).toBeLessThanOrEqual(t.nearestNeighbour.lengthM + 1e-6);
      expect(t.lengthM).toBeCloseTo(tourLength(d, t.order), 6);
    }
  });

  it('is never shorter than the best order found by trying them all (n ≤ 8)', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const rand = prng(100 + seed);
      const d = euclidean(randomPoints(rand, 3 + (seed % 6)));
      const best = Math.min(
        ...permutations(Array.from({ length: d.n - 1 }, (_, i) => i + 1)).map((p) => tourLength(d, p)),
      );
      const t = inspectionTour(d);
      expect(t.lengthM).toBeGreaterThanOrEqual(best - 1e-6);
      expect(t.lengthM).toBeLessThanOrEqual(t.nearestNeighbour.lengthM + 1e-6);
    }
  });

  it('ends 2-opt optimal: reversing any stretch of the tour makes it no shorter, and it often beats nearest neighbour', () => {
    let shorter = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const d = euclidean(randomPoints(prng(300 + seed), 30));
      const t = inspectionTour(d);
      if (t.lengthM < t.nearestNeighbour.lengthM - 1e-6) shorter++;
      for (let i = 0; i < t.order.length; i++) {
        for (let k = i + 1; k < t.order.length; k++) {
          const other = [...t.order.slice(0, i), ...t.order.slice(i, k + 1).reverse(), ...t.order.slice(k + 1)];
          expect(tourLength(d, other)).toBeGreaterThanOrEqual(t.lengthM - 1e-6);
        }
      }
    }
    expect(shorter).toBeGreaterThan(15);
  });

  it('refuses unreachable (infinite) distances', () => {
    expect(() => inspectionTour({ n: 2, m: Float64Array.from([0, Infinity, Infinity, 0]) })).toThrow(RangeError);
  });
});

describe('road distances between points', () => {
  it('equal Floyd–Warshall over the edge lengths plus the off-road legs', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rand = prng(200 + seed);
      const table = randomEdgeTable(rand, 25, 50);
      const graph = graphFromEdgeTable(table.nodes, table.edges);
      const index = segmentIndex(graph);
      // the same network with every edge two-way at its straight length
      const byId = new Map(table.nodes.map((nd, i) => [nd.id, i]));
      const xy = (id: number) => {
        const i = byId.get(id) as number;
        return [graph.nodeX[graph.nodeId.indexOf(id)] as number, graph.nodeY[graph.nodeId.indexOf(id)] as number, i];
      };
      const lengths = table.edges.map((e) => {
        const [ax, ay] = xy(e.source);
        const [bx, by] = xy(e.target);
        const len = Math.hypot((bx as number) - (ax as number), (by as number) - (ay as number));
        return { ...e, cost: len, reverseCost: len };
      });
      const fw = floydWarshall(table.nodes, lengths);
      const points = Array.from(
        { length: 8 },
        () => [(rand() - 0.5) * 3000, (rand() - 0.5) * 3000] as [number, number],
      );
      const d = roadDistanceMatrix(index, points);
      const snapped = points.map((p) => {
        const all = lengths.map((e) => {
          const a = xy(e.source);
          const b = xy(e.target);
          const c = closestOnSegment(p, a, b);
          return { e, a: a[2] as number, b: b[2] as number, ...c };
        });
        return all.reduce((best, x) => (x.distanceM < best.distanceM - 1e-9 ? x : best));
      });
      for (let i = 0; i < points.length; i++) {
        for (let j = 0; j < points.length; j++) {
          if (i === j) continue;
          const p = snapped[i] as (typeof snapped)[number];
          const q = snapped[j] as (typeof snapped)[number];
          const ends = [
            [p.a, p.u * p.e.cost],
            [p.b, (1 - p.u) * p.e.cost],
          ] as const;
          const arrive = [
            [q.a, q.u * q.e.cost],
            [q.b, (1 - q.u) * q.e.cost],
          ] as const;
          let best = Infinity;
          for (const [u, du] of ends) {
            for (const [v, dv] of arrive) best = Math.min(best, du + (fw[u]?.[v] as number) + dv);
          }
          if (p.e.id === q.e.id) best = Math.min(best, Math.abs(p.u - q.u) * p.e.cost);
          const expected = best + p.distanceM + q.distanceM;
          const got = d.m[i * d.n + j] as number;
          if (expected === Infinity) expect(got).toBe(Infinity);
          else expect(got).toBeCloseTo(expected, 4);
        }
      }
    }
  });
});
