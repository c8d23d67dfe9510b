import { describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../../server/analysis/csr-graph';
import { dijkstra } from '../../../server/analysis/dijkstra';
import { localProjection } from '../../../server/analysis/local-projection';
import { buildRoadGraph, type RoadFeature } from '../../../server/analysis/road-graph';
import { AnalysisInputError } from '../../../server/errors';

const road = (coordinates: number[][], props: RoadFeature['properties'], id?: number): RoadFeature => ({
  type: 'Feature',
  id,
  properties: props,
  geometry: { type: 'LineString', coordinates },
});
const speedsKmh = { county: 45, village: 25 };

/** Metres per degree on the GRS80 ellipsoid: meridian radius M and prime-vertical N·cos φ (textbook formulas). */
function metresPerDegree(latDeg: number) {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const e2 = f * (2 - f);
  const phi = (latDeg * Math.PI) / 180;
  const w = 1 - e2 * Math.sin(phi) ** 2;
  return {
    north: ((a * (1 - e2)) / w ** 1.5) * (Math.PI / 180),
    east: (a / Math.sqrt(w)) * Math.cos(phi) * (Math.PI / 180),
  };
}

function timeBetween(g: RoadGraph, fromNode: number, toNode: number): number {
  return dijkstra(g, [{ node: fromNode, startS: 0, source: 0 }]).timeS[toNode] as number;
}

describe('buildRoadGraph', () => {
  it('measures lengths in true metres at 33.5°N (ellipsoid, both axes) and costs them at the class speed', () => {
    const g = buildRoadGraph(
      [
        road(
          [
            [113.6, 33.5],
            [113.6, 33.51],
          ],
          { class: 'county' },
        ),
        road(
          [
            [113.7, 33.5],
            [113.71, 33.5],
          ],
          { class: 'village' },
        ),
      ],
      { speedsKmh, projection: localProjection(113.65, 33.5) },
    );
    const m = metresPerDegree(33.505);
    expect((g.edgeLengthM[0] as number) / (0.01 * m.north)).toBeCloseTo(1, 4);
    expect((g.edgeLengthM[1] as number) / (0.01 * metresPerDegree(33.5).east)).toBeCloseTo(1, 4);
    expect(g.edgeForwardS[0]).toBeCloseTo((g.edgeLengthM[0] as number) / (45 / 3.6), 9);
    expect(g.edgeBackwardS[1]).toBeCloseTo((g.edgeLengthM[1] as number) / (25 / 3.6), 9);
  });

  it('joins end points equal after rounding, keeps separate ones apart, and reports components', () => {
    const g = buildRoadGraph(
      [
        road(
          [
            [113.6, 33.5],
            [113.601, 33.5],
          ],
          { class: 'village' },
          1,
        ),
        road(
          [
            [113.6010000004, 33.5000000003],
            [113.602, 33.5],
          ],
          { class: 'village' },
          2,
        ), // 5 cm off: same node
        road(
          [
            [113.61, 33.5],
            [113.611, 33.5],
          ],
          { class: 'village' },
          3,
        ), // elsewhere
        road(
          [
            [113.6005, 33.499],
            [113.6005, 33.501],
          ],
          { class: 'village' },
          4,
        ), // crosses road 1 with no shared vertex
      ],
      { speedsKmh },
    );
    expect(g.nodeCount).toBe(7);
    expect(g.componentSizes).toEqual([3, 2, 2]);
    expect(g.component[g.edgeTarget[0] as number]).toBe(g.component[g.edgeSource[1] as number]);
    expect(Array.from(g.edgeId)).toEqual([1, 2, 3, 4]);
  });

  it('honours one-way in the drawing direction and per-road speeds', () => {
    const g = buildRoadGraph(
      [
        road(
          [
            [113.6, 33.5],
            [113.601, 33.5],
            [113.602, 33.5],
          ],
          { class: 'county', oneway: true },
        ),
        road(
          [
            [113.602, 33.5],
            [113.602, 33.501],
            [113.6, 33.501],
            [113.6, 33.5],
          ],
          { class: 'village', speedKmh: 10 },
        ),
      ],
      { speedsKmh },
    );
    const [a, b] = [g.edgeSource[0] as number, g.edgeTarget[0] as number];
    expect(timeBetween(g, a, b)).toBeCloseTo(g.edgeForwardS[0] as number, 9);
    expect(g.edgeBackwardS[0]).toBe(Infinity);
    // b → a must take the slow loop.
    expect(timeBetween(g, b, a)).toBeCloseTo((g.edgeLengthM[1] as number) / (10 / 3.6), 6);
  });

  it('splits a MultiLineString into one edge per part', () => {
    const g = buildRoadGraph(
      [
        {
          type: 'Feature',
          properties: { class: 'county' },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [113.6, 33.5],
                [113.601, 33.5],
              ],
              [
                [113.601, 33.5],
                [113.601, 33.501],
              ],
            ],
          },
        },
      ],
      { speedsKmh },
    );
    expect([g.edgeCount, g.nodeCount, g.componentSizes.length]).toEqual([2, 3, 1]);
  });

  it('rejects a road whose class has no speed, or a line with one position', () => {
    expect(() =>
      buildRoadGraph(
        [
          road(
            [
              [113.6, 33.5],
              [113.601, 33.5],
            ],
            { class: 'motorway' },
          ),
        ],
        { speedsKmh },
      ),
    ).toThrow(AnalysisInputError);
    expect(() => buildRoadGraph([road([[113.6, 33.5]], { class: 'county' })], { speedsKmh })).toThrow(
      AnalysisInputError,
    );
  });
});
