import { describe, expect, it } from 'vitest';
import { graphFromEdgeTable } from '../../../server/analysis/edge-table';
import { placeUnits } from '../../../server/analysis/place-units';
import {
  nearestRoadPosition,
  type RoadPosition,
  roadPositionsWithin,
  segmentIndex,
} from '../../../server/analysis/snap';
import { closestOnSegment, prng, randomEdgeTable } from './oracles';

function randomNetwork(seed: number) {
  const rand = prng(seed);
  const table = randomEdgeTable(rand, 30, 60);
  const graph = graphFromEdgeTable(table.nodes, table.edges);
  return { rand, graph, index: segmentIndex(graph) };
}

/** Every edge scanned (edges are straight here): distance and fraction of its closest point. */
function allEdges(graph: ReturnType<typeof graphFromEdgeTable>, x: number, y: number) {
  return Array.from(graph.edgeSource, (s, e) => {
    const t = graph.edgeTarget[e] as number;
    const c = closestOnSegment(
      [x, y],
      [graph.nodeX[s] as number, graph.nodeY[s] as number],
      [graph.nodeX[t] as number, graph.nodeY[t] as number],
    );
    return { edge: e, distanceM: c.distanceM, fraction: c.u };
  });
}

describe('snapping to the road network', () => {
  it('finds the nearest road position as a scan of every edge does', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { rand, graph, index } = randomNetwork(seed);
      for (let k = 0; k < 50; k++) {
        const [x, y] = [(rand() - 0.5) * 5000, (rand() - 0.5) * 5000];
        const brute = allEdges(graph, x, y).sort((a, b) => a.distanceM - b.distanceM)[0];
        const p = nearestRoadPosition(index, x, y) as RoadPosition;
        expect(p.distanceM).toBeCloseTo(brute?.distanceM as number, 6);
        const same = allEdges(graph, x, y)[p.edge];
        expect(same?.distanceM).toBeCloseTo(p.distanceM, 6);
        expect(p.fraction).toBeCloseTo(same?.fraction as number, 6);
      }
    }
  });

  it('lists every edge within a radius, and only those', () => {
    for (let seed = 21; seed <= 40; seed++) {
      const { rand, graph, index } = randomNetwork(seed);
      for (let k = 0; k < 50; k++) {
        const [x, y] = [(rand() - 0.5) * 3000, (rand() - 0.5) * 3000];
        const radius = 20 + rand() * 300;
        const found: number[] = [];
        roadPositionsWithin(index, x, y, radius, (p) => found.push(p.edge));
        const brute = allEdges(graph, x, y).filter((c) => c.distanceM <= radius);
        expect(found.sort((a, b) => a - b)).toEqual(brute.map((c) => c.edge));
      }
    }
  });

  it('reports a unit beyond the off-road distance with its distance, and gives it no seeds', () => {
    const graph = graphFromEdgeTable(
      [
        { id: 1, lon: 113.6, lat: 33.5 },
        { id: 2, lon: 113.61, lat: 33.5 },
      ],
      [{ id: 1, source: 1, target: 2, cost: 100, reverseCost: 100 }],
    );
    const index = segmentIndex(graph);
    const placed = placeUnits(
      index,
      [
        { lon: 113.605, lat: 33.5005, turnoutS: 60 }, // ~55 m north of the road
        { lon: 113.605, lat: 33.505, turnoutS: 60 }, // ~555 m north
      ],
      { maxOffRoadM: 200 },
    );
    expect(placed.placements.map((p) => p.source)).toEqual([0]);
    expect(placed.seeds.every((s) => s.source === 0)).toBe(true);
    expect(placed.offNetwork).toHaveLength(1);
    expect(placed.offNetwork[0]?.source).toBe(1);
    expect(placed.offNetwork[0]?.nearestRoadM).toBeCloseTo(554.6, 0);
  });

  it('starts a unit at both ends of a two-way edge and only downstream on a one-way one', () => {
    const graph = graphFromEdgeTable(
      [
        { id: 1, lon: 113.6, lat: 33.5 },
        { id: 2, lon: 113.61, lat: 33.5 },
        { id: 3, lon: 113.62, lat: 33.5 },
      ],
      [
        { id: 1, source: 1, target: 2, cost: 100, reverseCost: 100 },
        { id: 2, source: 2, target: 3, cost: 100, reverseCost: -1 },
      ],
    );
    const node = (id: number) => Array.from(graph.nodeId).indexOf(id);
    const index = segmentIndex(graph);
    const { seeds } = placeUnits(index, [
      { lon: 113.6025, lat: 33.5, turnoutS: 60 },
      { lon: 113.6125, lat: 33.5, turnoutS: 30 },
    ]);
    const of = (source: number) => seeds.filter((s) => s.source === source).map((s) => [s.node, s.startS]);
    expect(of(0)).toEqual(
      expect.arrayContaining([
        [node(2), expect.closeTo(135, 1)],
        [node(1), expect.closeTo(85, 1)],
      ]),
    );
    expect(of(1)).toEqual([[node(3), expect.closeTo(105, 1)]]);
  });
});
