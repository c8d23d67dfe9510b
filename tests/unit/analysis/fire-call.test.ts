/**
 * The fire call's pure core on random small networks (tests/unit/analysis/oracles.ts): the
 * reversed search's unit ETAs equal each unit's own forward search + accessTimes (the station
 * coverage path), the traced routes add up to them, and hose distances equal a brute force over
 * every pair of road positions on an undirected length graph.
 */
import { describe, expect, it } from 'vitest';
import { dijkstra } from '../../../server/analysis/dijkstra';
import { graphFromEdgeTable } from '../../../server/analysis/edge-table';
import { reverseArcs, reverseReach, sceneSeeds, unitEtas } from '../../../server/analysis/fire-call-eta';
import { hoseDistances, lengthArcs } from '../../../server/analysis/fire-call-hose';
import { localProjection } from '../../../server/analysis/local-projection';
import { placeUnits } from '../../../server/analysis/place-units';
import { accessLists, accessTimes } from '../../../server/analysis/road-access';
import { traceRoute } from '../../../server/analysis/route-trace';
import { segmentIndex } from '../../../server/analysis/snap';
import { prng, randomEdgeTable } from './oracles';

const slice = (a: ReturnType<typeof accessLists>, i: number) => ({
  edge: a.edge.subarray(a.start[i], a.start[i + 1]),
  fraction: a.fraction.subarray(a.start[i], a.start[i + 1]),
  distanceM: a.distanceM.subarray(a.start[i], a.start[i + 1]),
});

describe('fire call core', () => {
  it('unit ETAs by one reversed search = per-unit forward search + accessTimes; routes add up to them', () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rand = prng(seed);
      const table = randomEdgeTable(rand, 8 + Math.floor(rand() * 20), 10 + Math.floor(rand() * 30));
      const graph = graphFromEdgeTable(table.nodes, table.edges, localProjection(113.61, 33.51));
      const index = segmentIndex(graph);
      const units = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => ({
        lon: 113.6 + rand() * 0.02,
        lat: 33.5 + rand() * 0.018,
        turnoutS: Math.round(rand() * 60),
      }));
      const placed = placeUnits(index, units, { maxOffRoadM: 400, accessSpeedKmh: 20 });
      const reverse = reverseArcs(graph);
      for (let k = 0; k < 5; k++) {
        const [x, y] = graph.projection.forward(113.6 + rand() * 0.02, 33.5 + rand() * 0.018);
        const scene = slice(accessLists(index, [x], [y], 300), 0);
        const seeds = sceneSeeds(graph, scene, 5);
        const reach = reverseReach(reverse, seeds, 900);
        const etas = unitEtas(graph, placed, units.length, scene, reach, 5);
        units.forEach((_, u) => {
          const own = { ...placed, placements: placed.placements.filter((p) => p.source === u) };
          const forward = dijkstra(
            graph,
            placed.seeds.filter((s) => s.source === u),
            { cutoffS: 900 },
          );
          const access = accessLists(index, [x], [y], 300);
          const t = accessTimes(graph, access, forward, own.placements, 5).timeS[0] as number;
          const mine = etas[u]?.etaS as number;
          if (!Number.isFinite(t)) {
            expect(mine, `seed ${seed} unit ${u}`).toBe(Infinity);
            return;
          }
          expect(Math.abs(mine - t), `seed ${seed} unit ${u}`).toBeLessThanOrEqual(1e-9);
          const way = etas[u]?.way;
          if (!way) throw new Error('a reached unit has a way');
          const route = traceRoute(graph, reach, seeds, scene, placed.placements[way.placement] as never, way, 5);
          const sum = route.startS + route.steps.reduce((s, st) => s + st.timeS, 0) + route.offRoadS;
          expect(Math.abs(sum - mine), `seed ${seed} unit ${u} route`).toBeLessThanOrEqual(1e-9);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('hose distances = the best pair of road positions over all-pairs shortest lengths (undirected)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rand = prng(1000 + seed);
      const table = randomEdgeTable(rand, 6 + Math.floor(rand() * 15), 8 + Math.floor(rand() * 20), 0.5);
      const graph = graphFromEdgeTable(table.nodes, table.edges, localProjection(113.61, 33.51));
      const index = segmentIndex(graph);
      const n = graph.nodeCount;
      // Floyd–Warshall over edge lengths, both ways (a hose ignores one-way streets)
      const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
      for (let e = 0; e < graph.edgeCount; e++) {
        const a = graph.edgeSource[e] as number;
        const b = graph.edgeTarget[e] as number;
        const m = graph.edgeLengthM[e] as number;
        (d[a] as number[])[b] = Math.min((d[a] as number[])[b] as number, m);
        (d[b] as number[])[a] = Math.min((d[b] as number[])[a] as number, m);
      }
      for (let k = 0; k < n; k++)
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            const via = ((d[i] as number[])[k] as number) + ((d[k] as number[])[j] as number);
            if (via < ((d[i] as number[])[j] as number)) (d[i] as number[])[j] = via;
          }
      const points = Array.from({ length: 6 }, () =>
        graph.projection.forward(113.6 + rand() * 0.02, 33.5 + rand() * 0.018),
      );
      const access = accessLists(
        index,
        points.map((p) => p[0]),
        points.map((p) => p[1]),
        300,
      );
      const scene = slice(access, 0);
      const sources = points.slice(1).map((_, i) => slice(access, i + 1));
      const got = hoseDistances(graph, lengthArcs(graph), scene, sources, 1e9);
      sources.forEach((src, i) => {
        let withLegs = Infinity;
        for (let a = 0; a < scene.edge.length; a++)
          for (let b = 0; b < src.edge.length; b++) {
            const ea = scene.edge[a] as number;
            const eb = src.edge[b] as number;
            const fa = scene.fraction[a] as number;
            const fb = src.fraction[b] as number;
            const la = graph.edgeLengthM[ea] as number;
            const lb = graph.edgeLengthM[eb] as number;
            const legs = (scene.distanceM[a] as number) + (src.distanceM[b] as number);
            let pair = Infinity;
            for (const [na, ma] of [
              [graph.edgeSource[ea] as number, fa * la],
              [graph.edgeTarget[ea] as number, (1 - fa) * la],
            ])
              for (const [nb, mb] of [
                [graph.edgeSource[eb] as number, fb * lb],
                [graph.edgeTarget[eb] as number, (1 - fb) * lb],
              ])
                pair = Math.min(
                  pair,
                  (ma as number) + ((d[na as number] as number[])[nb as number] as number) + (mb as number),
                );
            if (ea === eb) pair = Math.min(pair, Math.abs(fa - fb) * la);
            withLegs = Math.min(withLegs, pair + legs);
          }
        const mine = got[i];
        if (!Number.isFinite(withLegs)) expect(mine).toBeNull();
        else {
          expect(Math.abs((mine as number) - withLegs), `seed ${seed} source ${i}`).toBeLessThanOrEqual(1e-6);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(50);
  });
});
