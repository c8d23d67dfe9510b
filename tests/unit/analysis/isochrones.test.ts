import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanClockwise, area as turfArea } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { cellPolygons } from '../../../server/analysis/cell-polygons';
import { dijkstra } from '../../../server/analysis/dijkstra';
import { type IsochroneMode, type IsochroneProperties, isochrones } from '../../../server/analysis/isochrones';
import { localProjection, projectionFor } from '../../../server/analysis/local-projection';
import { placeUnits } from '../../../server/analysis/place-units';
import { responseSurface, surfaceGrid, unitSurfaces } from '../../../server/analysis/response-surface';
import { buildRoadGraph, type RoadFeature } from '../../../server/analysis/road-graph';
import { segmentIndex } from '../../../server/analysis/snap';
import { AnalysisInputError } from '../../../server/errors';
import { bruteForceTimes, inside, prng } from './oracles';

const FIXTURES = fileURLToPath(new URL('./fixtures/isochrones', import.meta.url));
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const COLOURS = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'];

interface CaseOptions {
  mode: IsochroneMode;
  thresholdsS: number[];
  cellM: number;
  maxOffRoadM: number;
  offRoadSpeedKmh: number;
  speedsKmh: Record<string, number>;
}

/** The whole pipeline on one fixture input: roads, units and an area whose properties carry the options. */
function runCase(input: FeatureCollection) {
  const byRole = (role: string) => input.features.filter((f) => f.properties?.role === role);
  const areaFeature = byRole('area')[0] as Feature<Polygon, { options: CaseOptions }>;
  const o = areaFeature.properties.options;
  const projection = projectionFor(areaFeature.geometry.coordinates[0] ?? []);
  const graph = buildRoadGraph(byRole('road') as RoadFeature[], { speedsKmh: o.speedsKmh, projection });
  const index = segmentIndex(graph);
  const grid = surfaceGrid(index, areaFeature.geometry, o);
  const units = (byRole('unit') as Feature<Point, { turnoutS: number }>[]).map((u) => ({
    lon: u.geometry.coordinates[0] as number,
    lat: u.geometry.coordinates[1] as number,
    turnoutS: u.properties.turnoutS,
  }));
  const placed = placeUnits(index, units, o);
  const cutoffS = Math.max(...o.thresholdsS);
  const output =
    o.mode === 'overlap'
      ? isochrones(
          grid,
          {
            mode: 'overlap',
            surfaces: unitSurfaces(grid, placed, cutoffS, o.offRoadSpeedKmh).map((surface, i) => ({
              source: placed.placements[i]?.source as number,
              surface,
            })),
          },
          o.thresholdsS,
        )
      : isochrones(
          grid,
          {
            mode: o.mode,
            surface: responseSurface(
              grid,
              dijkstra(graph, placed.seeds, { cutoffS }),
              placed.placements,
              o.offRoadSpeedKmh,
            ),
          },
          o.thresholdsS,
        );
  return { o, graph, grid, units, output };
}

/** Simplestyle colours by threshold, coordinates to 1e-7° (~1 cm), so expected.geojson reads on any map. */
function styled(fc: FeatureCollection<MultiPolygon, IsochroneProperties>, thresholds: number[]) {
  const sorted = [...thresholds].sort((a, b) => a - b);
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const colour = COLOURS[sorted.indexOf(f.properties.thresholdS)] ?? '#555555';
      return {
        ...f,
        properties: { ...f.properties, fill: colour, 'fill-opacity': 0.35, stroke: colour, 'stroke-width': 1 },
        geometry: {
          type: 'MultiPolygon',
          coordinates: f.geometry.coordinates.map((poly) =>
            poly.map((ring) => ring.map((p) => p.map((v) => Math.round(v * 1e7) / 1e7))),
          ),
        },
      };
    }),
  };
}

describe('isochrones golden fixtures (UPDATE=1 rewrites expected.geojson)', () => {
  for (const name of CASES) {
    it(name, () => {
      const input = JSON.parse(readFileSync(join(FIXTURES, name, 'input.geojson'), 'utf8')) as FeatureCollection;
      const { o, output } = runCase(input);
      const actual = styled(output, o.thresholdsS);
      const file = join(FIXTURES, name, 'expected.geojson');
      if (process.env.UPDATE === '1') writeFileSync(file, `${JSON.stringify(actual, null, 1)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});

describe('isochrone invariants on the fixtures, against brute force', () => {
  for (const name of CASES) {
    it(`${name}: a cell is inside the t polygon iff brute force reaches it within t (and, split, first due); thresholds nest`, () => {
      const input = JSON.parse(readFileSync(join(FIXTURES, name, 'input.geojson'), 'utf8')) as FeatureCollection;
      const { o, graph, grid, units, output } = runCase(input);
      // Oracle input: the graph's straight edges as an edge table (fixture roads are two-point lines).
      const nodes = Array.from(graph.nodeId, (id, v) => {
        const [lon, lat] = graph.projection.inverse(graph.nodeX[v] as number, graph.nodeY[v] as number);
        return { id, lon, lat };
      });
      const edges = Array.from(graph.edgeId, (id, e) => ({
        id,
        source: graph.nodeId[graph.edgeSource[e] as number] as number,
        target: graph.nodeId[graph.edgeTarget[e] as number] as number,
        cost: graph.edgeForwardS[e] === Infinity ? -1 : (graph.edgeForwardS[e] as number),
        reverseCost: graph.edgeBackwardS[e] === Infinity ? -1 : (graph.edgeBackwardS[e] as number),
      }));
      const centres = Array.from(grid.centreX, (x, k) => [x, grid.centreY[k] as number]);
      const lonLats = centres.map(([x = 0, y = 0]) => graph.projection.inverse(x, y));
      const brute = (only: number | null) =>
        bruteForceTimes(
          { nodes, edges },
          graph.projection,
          units.filter((_, i) => only === null || i === only).map((u) => ({ ...u, startS: u.turnoutS })),
          centres,
          { radiusM: o.maxOffRoadM, offRoadKmh: o.offRoadSpeedKmh, accessKmh: 20, cutoffS: Infinity },
        );
      const all = brute(null);
      const own = units.map((_, i) => brute(i));
      const members = new Map<IsochroneProperties, boolean[]>();
      for (const f of output.features) {
        const { thresholdS: t, source } = f.properties;
        const expected = (k: number) =>
          o.mode === 'overlap'
            ? (own[source as number]?.[k]?.t1 as number) <= t
            : (all[k]?.t1 as number) <= t && (o.mode === 'dissolve' || all[k]?.s1 === source);
        const member = lonLats.map((p) => inside(f.geometry, p));
        member.forEach((isIn, k) => {
          expect(isIn, `${f.properties.mode} ${t} s source ${source} cell ${k}: brute ${all[k]?.t1}`).toBe(expected(k));
        });
        expect(f.properties.cells).toBe(member.filter(Boolean).length);
        members.set(f.properties, member);
      }
      const covered = [...members.values()].flat().filter(Boolean).length;
      expect(covered, 'the fixture covers something').toBeGreaterThan(0);
      for (const [a, ma] of members) {
        for (const [b, mb] of members) {
          if (a.source === b.source && a.thresholdS < b.thresholdS) {
            ma.forEach((isIn, k) => {
              if (isIn) expect(mb[k], `${a.thresholdS} s ⊆ ${b.thresholdS} s at cell ${k}`).toBe(true);
            });
          }
        }
      }
    });
  }

  it('oneway: the corner behind a unit on a clockwise one-way loop is reached last', () => {
    const input = JSON.parse(readFileSync(join(FIXTURES, 'oneway', 'input.geojson'), 'utf8')) as FeatureCollection;
    const { graph, grid, output } = runCase(input);
    const unitA = output.features.filter((f) => f.properties.source === 0);
    const [ahead, behind] = [graph.projection.forward(113.606, 33.516), graph.projection.forward(113.602, 33.512)];
    const cellAt = ([x = 0, y = 0]: number[]) => graph.projection.inverse(x, y);
    const reachedBy = (p: number[]) => unitA.find((f) => inside(f.geometry, cellAt(p)))?.properties.thresholdS;
    expect(grid.cells.length).toBeGreaterThan(0);
    // 370 m ahead along the one-way street: within 120 s; 440 m behind (against the flow): not within 180 s.
    expect(reachedBy(ahead)).toBeLessThanOrEqual(120);
    expect(reachedBy(behind)).toBeUndefined();
  });
});

describe('cellPolygons', () => {
  it('outlines random rasters exactly: turf finds each cell centre inside iff it is a member; rings oriented per RFC 7946', () => {
    const projection = localProjection(113.6, 33.5);
    for (let seed = 1; seed <= 40; seed++) {
      const rand = prng(seed);
      const grid = {
        projection,
        cellM: 100,
        x0: -700,
        y0: 300,
        cols: 3 + Math.floor(rand() * 12),
        rows: 3 + Math.floor(rand() * 12),
      };
      const density = 0.3 + rand() * 0.5;
      const member = Uint8Array.from({ length: grid.cols * grid.rows }, () => (rand() < density ? 1 : 0));
      const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: cellPolygons(grid, member) };
      member.forEach((m, c) => {
        const centre = projection.inverse(
          grid.x0 + ((c % grid.cols) + 0.5) * 100,
          grid.y0 + (Math.floor(c / grid.cols) + 0.5) * 100,
        );
        expect(inside(geometry, centre), `seed ${seed} cell ${c}`).toBe(m === 1);
      });
      for (const polygon of geometry.coordinates) {
        polygon.forEach((ring, i) => {
          expect(booleanClockwise(ring), `seed ${seed}: ${i === 0 ? 'outer' : 'hole'}`).toBe(i > 0);
        });
      }
      const count = member.reduce((a, b) => a + b, 0);
      expect(turfArea(geometry) / (count * 100 * 100)).toBeCloseTo(1, 2);
    }
  });
});

describe('isochrones input checks', () => {
  it('refuses a threshold beyond the search cutoff rather than drawing a truncated area', () => {
    const input = JSON.parse(readFileSync(join(FIXTURES, 'cutoff', 'input.geojson'), 'utf8')) as FeatureCollection;
    const { grid, output } = runCase(input);
    expect(output.features.length).toBe(2);
    const surface = {
      cutoffS: 120,
      timeS: new Float64Array(grid.cells.length),
      source: new Int32Array(grid.cells.length),
      secondTimeS: null,
      secondSource: null,
    };
    expect(() => isochrones(grid, { mode: 'dissolve', surface }, [60, 180])).toThrow(AnalysisInputError);
  });
});
