import { describe, expect, it } from 'vitest';
import { dijkstra, type Seed } from '../../../server/analysis/dijkstra';
import { graphFromEdgeTable } from '../../../server/analysis/edge-table';
import { bellmanFord, floydWarshall, prng, randomEdgeTable } from './oracles';

/** Random graphs with one-way edges and several units, each entering at one or two nodes at its own start time. */
function randomCase(seed: number) {
  const rand = prng(seed);
  // Every other case with small integer costs and start times: many exact ties between units.
  const table = randomEdgeTable(rand, 4 + Math.floor(rand() * 20), 3 + Math.floor(rand() * 45), 0.3, seed % 2 === 0);
  const graph = graphFromEdgeTable(table.nodes, table.edges);
  const index = new Map(Array.from(graph.nodeId, (id, i) => [id, i]));
  const unitCount = 1 + Math.floor(rand() * 4);
  const unitSeeds = Array.from({ length: unitCount }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 2) }, () => ({
      nodeId: table.nodes[Math.floor(rand() * table.nodes.length)]?.id as number,
      startS: Math.round(rand() * (seed % 2 === 0 ? 6 : 90)),
    })),
  );
  const seeds: Seed[] = unitSeeds.flatMap((list, source) =>
    list.map((s) => ({ node: index.get(s.nodeId) as number, startS: s.startS, source })),
  );
  const cutoffS = rand() < 0.3 ? Infinity : seed % 2 === 0 ? Math.floor(rand() * 20) : 60 + rand() * 300;
  // Oracle: Bellman–Ford per unit from its own seeds; the winner is the unit with the smallest time.
  const perUnit = unitSeeds.map((list) => {
    const starts = new Map<number, number>();
    for (const s of list) starts.set(s.nodeId, Math.min(starts.get(s.nodeId) ?? Infinity, s.startS));
    return bellmanFord(table.nodes, table.edges, starts);
  });
  return { table, graph, seeds, cutoffS, perUnit };
}

describe('dijkstra', () => {
  it('matches Bellman–Ford per unit on 300 random graphs with one-way edges, start times, cutoffs and ties', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { graph, seeds, cutoffS, perUnit } = randomCase(seed);
      const reach = dijkstra(graph, seeds, { cutoffS });
      let reached = 0;
      graph.nodeId.forEach((id, v) => {
        const times = perUnit.map((d) => d.get(id) as number);
        const best = Math.min(...times);
        if (best <= cutoffS && best < Infinity) {
          reached++;
          expect(reach.timeS[v], `seed ${seed} node ${id}`).toBeCloseTo(best, 9);
          expect(times[reach.source[v] as number], `seed ${seed}: the winner's own time`).toBeCloseTo(best, 9);
        } else {
          expect(reach.timeS[v], `seed ${seed} node ${id} beyond the cutoff`).toBe(Infinity);
          expect(reach.source[v]).toBe(-1);
        }
      });
      expect(reach.reachedCount).toBe(reached);
    }
  });

  it('finds the second-due unit as Bellman–Ford does (second smallest over distinct units)', () => {
    let checkedSecond = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { graph, seeds, cutoffS, perUnit } = randomCase(seed);
      const reach = dijkstra(graph, seeds, { cutoffS, secondDue: true });
      const plain = dijkstra(graph, seeds, { cutoffS });
      expect(Array.from(reach.timeS)).toEqual(Array.from(plain.timeS));
      graph.nodeId.forEach((id, v) => {
        const times = perUnit.map((d) => d.get(id) as number).sort((a, b) => a - b);
        const second = (times[1] ?? Infinity) <= cutoffS ? (times[1] ?? Infinity) : Infinity;
        const s1 = reach.source[v] as number;
        const s2 = reach.secondSource?.[v] as number;
        if (second === Infinity) {
          expect(reach.secondTimeS?.[v], `seed ${seed} node ${id}`).toBe(Infinity);
          expect(s2).toBe(-1);
        } else {
          checkedSecond++;
          expect(reach.secondTimeS?.[v], `seed ${seed} node ${id}`).toBeCloseTo(second, 9);
          expect(s2).not.toBe(s1);
          expect(perUnit[s2]?.get(id), `seed ${seed}: the second's own time`).toBeCloseTo(second, 9);
        }
      });
    }
    expect(checkedSecond).toBeGreaterThan(500);
  });

  it('agrees with Floyd–Warshall from a single node, both directions of one-way edges', () => {
    for (let seed = 301; seed <= 400; seed++) {
      const rand = prng(seed);
      const table = randomEdgeTable(rand, 12, 30, 0.5);
      const graph = graphFromEdgeTable(table.nodes, table.edges);
      const fw = floydWarshall(table.nodes, table.edges);
      const at = new Map(table.nodes.map((n, i) => [n.id, i]));
      graph.nodeId.forEach((rootId, root) => {
        const reach = dijkstra(graph, [{ node: root, startS: 0, source: 0 }]);
        graph.nodeId.forEach((id, v) => {
          expect(reach.timeS[v]).toBeCloseTo(fw[at.get(rootId) as number]?.[at.get(id) as number] as number, 9);
        });
      });
    }
  });

  it('reaches a node at exactly the cutoff, as pgr_drivingDistance does (agg_cost ≤ distance)', () => {
    const graph = graphFromEdgeTable(
      [
        { id: 1, lon: 113.6, lat: 33.5 },
        { id: 2, lon: 113.601, lat: 33.5 },
        { id: 3, lon: 113.602, lat: 33.5 },
      ],
      [
        { id: 1, source: 1, target: 2, cost: 100, reverseCost: 100 },
        { id: 2, source: 2, target: 3, cost: 200, reverseCost: 200 },
      ],
    );
    const node = (id: number) => Array.from(graph.nodeId).indexOf(id);
    const reach = dijkstra(graph, [{ node: node(1), startS: 0, source: 0 }], { cutoffS: 300 });
    expect(reach.timeS[node(3)]).toBe(300);
    const late = dijkstra(graph, [{ node: node(1), startS: 0.5, source: 0 }], { cutoffS: 300 });
    expect(late.timeS[node(3)]).toBe(Infinity);
    expect(late.reachedCount).toBe(2);
  });
});

describe('graph size past one county', () => {
  it('builds a 300,000-node chain (spreading its coordinates into Math.min overflowed the stack) and reaches its end', () => {
    const n = 300_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: i + 1, lon: 113 + i * 1e-5, lat: 33.5 }));
    const edges = Array.from({ length: n - 1 }, (_, i) => ({
      id: i + 1,
      source: i + 1,
      target: i + 2,
      cost: 1,
      reverseCost: 1,
      lengthM: 1,
    }));
    const graph = graphFromEdgeTable(nodes, edges);
    expect(graph.nodeCount).toBe(n);
    const index = new Map(Array.from(graph.nodeId, (id, i) => [id, i]));
    const reach = dijkstra(graph, [{ node: index.get(1) as number, startS: 0, source: 0 }]);
    expect(reach.timeS[index.get(n) as number]).toBe(n - 1);
  });
});
