import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dijkstra } from '../../../server/analysis/dijkstra';
import { graphFromEdgeTable } from '../../../server/analysis/edge-table';
import { localProjection } from '../../../server/analysis/local-projection';
import { placeUnits } from '../../../server/analysis/place-units';
import { polygonGrid } from '../../../server/analysis/polygon-grid';
import { responseSurface, surfaceGrid } from '../../../server/analysis/response-surface';
import { segmentIndex } from '../../../server/analysis/snap';
import { bruteForceTimes, inside, prng, randomEdgeTable } from './oracles';

/** An irregular area with a hole, around the random networks of randomEdgeTable. */
const AREA: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [113.599, 33.499],
      [113.621, 33.4995],
      [113.6185, 33.512],
      [113.622, 33.5185],
      [113.603, 33.519],
      [113.599, 33.499],
    ],
    [
      [113.607, 33.505],
      [113.611, 33.507],
      [113.608, 33.51],
      [113.607, 33.505],
    ],
  ],
};

describe('polygonGrid', () => {
  it('takes exactly the cells whose centres turf finds inside (holes excluded)', () => {
    const projection = localProjection(113.61, 33.51);
    for (const cellM of [50, 100, 230]) {
      const grid = polygonGrid(AREA, projection, cellM);
      const expected: number[] = [];
      for (let row = 0; row < grid.rows; row++) {
        for (let col = 0; col < grid.cols; col++) {
          const centre = projection.inverse(grid.x0 + (col + 0.5) * cellM, grid.y0 + (row + 0.5) * cellM);
          if (inside(AREA, centre)) expected.push(row * grid.cols + col);
        }
      }
      expect(expected.length).toBeGreaterThan(10);
      expect(Array.from(grid.cells)).toEqual(expected);
    }
  });
});

describe('responseSurface', () => {
  it('gives every cell the first- and second-due unit and time that brute force finds', () => {
    let covered = 0;
    let seconds = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const rand = prng(seed);
      const table = randomEdgeTable(rand, 8 + Math.floor(rand() * 20), 10 + Math.floor(rand() * 30));
      const graph = graphFromEdgeTable(table.nodes, table.edges, localProjection(113.61, 33.51));
      const index = segmentIndex(graph);
      const o = { radiusM: 60 + rand() * 250, offRoadKmh: 5, accessKmh: 20, cutoffS: 120 + rand() * 500 };
      const units = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ({
        lon: 113.6 + rand() * 0.02,
        lat: 33.5 + rand() * 0.018,
        turnoutS: Math.round(rand() * 60),
      }));
      const placed = placeUnits(index, units, { maxOffRoadM: Infinity, accessSpeedKmh: o.accessKmh });
      const reach = dijkstra(graph, placed.seeds, { cutoffS: o.cutoffS, secondDue: true });
      const grid = surfaceGrid(index, AREA, { cellM: 100, maxOffRoadM: o.radiusM });
      const surface = responseSurface(grid, reach, placed.placements, o.offRoadKmh);
      const centres = Array.from(grid.cells, (c) => [
        grid.x0 + ((c % grid.cols) + 0.5) * 100,
        grid.y0 + (Math.floor(c / grid.cols) + 0.5) * 100,
      ]);
      const brute = bruteForceTimes(
        table,
        graph.projection,
        units.map((u) => ({ lon: u.lon, lat: u.lat, startS: u.turnoutS })),
        centres,
        o,
      );
      brute.forEach((b, k) => {
        const where = `seed ${seed} cell ${k}`;
        expect(surface.timeS[k], where).toBeCloseTo(b.t1, 6);
        expect(surface.secondTimeS?.[k], where).toBeCloseTo(b.t2, 6);
        if (b.t1 < Infinity) covered++;
        if (b.t2 < Infinity) seconds++;
        if (b.t2 - b.t1 > 1e-6) expect(surface.source[k], where).toBe(b.s1);
        if (b.t2 === Infinity) expect(surface.secondSource?.[k], where).toBe(-1);
      });
    }
    expect(covered).toBeGreaterThan(1000);
    expect(seconds).toBeGreaterThan(300);
  });

  it('leaves a cell uncovered when no road is within the off-road distance, however fast the road beyond', () => {
    const graph = graphFromEdgeTable(
      [
        { id: 1, lon: 113.6, lat: 33.5 },
        { id: 2, lon: 113.62, lat: 33.5 },
      ],
      [{ id: 1, source: 1, target: 2, cost: 10, reverseCost: 10 }],
    );
    const index = segmentIndex(graph);
    const placed = placeUnits(index, [{ lon: 113.61, lat: 33.5, turnoutS: 0 }]);
    const reach = dijkstra(graph, placed.seeds, { cutoffS: 3600 });
    const grid = surfaceGrid(index, AREA, { cellM: 100, maxOffRoadM: 200 });
    const surface = responseSurface(grid, reach, placed.placements, 5);
    grid.centreY.forEach((y, k) => {
      const [, lat] = graph.projection.inverse(grid.centreX[k] as number, y);
      const offRoadM = Math.abs(y - graph.projection.forward(113.61, 33.5)[1]);
      if (offRoadM > 201) expect(surface.timeS[k], `cell at ${lat}`).toBe(Infinity);
      if (offRoadM < 199) expect(surface.timeS[k]).toBeLessThan(Infinity);
    });
  });
});
