/**
 * The coverage answer in parts and from one trace (issue 17).
 * - `parts=`: whatever is asked, the answer holds exactly those parts and what always comes, and
 *   each part is byte for byte the same part of the whole answer (both engines; the whole answer
 *   asked before and after, cold and from the held answer); an unknown part is a 400.
 * - One trace: the bands, isochrones (dissolve, split) and gaps composed from one trace of the
 *   labelled grid against the cell-by-cell outlines every answer sent before (responseBands,
 *   isochrones(), the gap layer, all still in the code) on the demo county: the same properties,
 *   the same polygons ring for ring and vertex for vertex (each vertex read back to its grid vertex),
 *   every vertex within the quantisation bound of its exact grid position — QUANTUM_M, half a step of
 *   1e-5° in each axis, against 50 m, half a cell — and each area within its perimeter × QUANTUM_M of
 *   cells × cell area.
 */
import type { Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { gridDecimals } from '../../server/analysis/coverage-outlines';
import { responseBands } from '../../server/analysis/response-bands';
import { noRoadAccess } from '../../server/analysis/response-surface';
import { createApp } from '../../server/app';
import { coverageParts } from '../../server/schemas/coverage-stations';
import { stationCoverage } from '../../server/services/station-coverage';
import { gapLayer, isochroneLayer, standardCovered } from '../../server/services/station-coverage-layers';
import {
  type CoverageOptions,
  evaluate,
  OFF_ROAD_DEFAULTS,
  unitsOfQuery,
} from '../../server/services/station-evaluation';
import { dropStationNetwork, stationNetwork } from '../../server/services/station-network';
import type { CoverageQuery } from '../../web/panels/station-coverage/api';
import { panelParts } from '../../web/panels/station-coverage/api';
import { missingParts, partKey } from '../../web/panels/station-coverage/coverage-parts';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read loosely in tests
type Json = any;

const ALWAYS = ['units', 'offNetwork', 'scenario', 'thresholdsS', 'thresholdS', 'mode', 'assumptions', 'timing'];

function partsSuite(engine: string, open: () => Promise<Db>) {
  describe(`coverage answer parts on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    const get = async (path: string) => {
      const res = await app.request(path);
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text) as Json };
    };
    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
    });
    afterAll(async () => {
      await db?.close();
    });

    it('sends each part asked byte for byte as the whole answer has it, and only those', async () => {
      const queries = ['threshold=300', 'mode=split&threshold=600&erf=600', 'mode=overlap&team_standard=600&cell=200'];
      const sets = [
        ...coverageParts.map((p) => [p]),
        ['surface', 'gaps', 'sites'],
        ['summary', 'districts', 'highRiskOutside'],
        ['rings', 'erf', 'isochrones', 'noRoadAccessSites'],
      ];
      for (const q of queries) {
        dropStationNetwork(db);
        const whole = await get(`/api/coverage/stations?${q}`);
        expect(whole.status, JSON.stringify(whole.body).slice(0, 200)).toBe(200);
        expect(Object.keys(whole.body).sort()).toEqual([...ALWAYS, ...coverageParts].sort());
        expect(whole.body.timing.answerCached).toBe(false);
        for (const set of sets) {
          // Listed out of order and twice: the answer keeps its own order, once each.
          const asked = [...set]
            .reverse()
            .concat(set[0] as string)
            .join(',');
          const part = await get(`/api/coverage/stations?${q}&parts=${asked}`);
          expect(part.status, `${q} parts=${asked}`).toBe(200);
          expect(part.body.timing.answerCached).toBe(true);
          expect(Object.keys(part.body).sort(), `${q} parts=${asked}`).toEqual([...ALWAYS, ...set].sort());
          for (const p of set) expect(JSON.stringify(part.body[p]), `${q}: ${p}`).toBe(JSON.stringify(whole.body[p]));
          for (const k of ALWAYS.filter((k) => k !== 'timing')) expect(part.body[k]).toEqual(whole.body[k]);
        }
        const again = await get(`/api/coverage/stations?${q}`);
        for (const p of coverageParts) expect(JSON.stringify(again.body[p]), p).toBe(JSON.stringify(whole.body[p]));
      }
    });

    it('the panel asks again for every part a change alters: the parts it keeps are the new answer’s, byte for byte', async () => {
      const base: CoverageQuery = {
        thresholds: '180,300,600,900',
        threshold: '300',
        mode: 'dissolve',
        units: 'in_service',
        team_standard: '300',
      };
      const changes: CoverageQuery[] = [
        { ...base, threshold: '600' },
        { ...base, mode: 'split' },
        { ...base, mode: 'overlap' },
        { ...base, team_standard: '600' },
        { ...base, erf: '300' },
        { ...base, units: 'all' },
      ];
      const path = (q: CoverageQuery) => `/api/coverage/stations?${new URLSearchParams({ ...q })}`;
      const before = (await get(path(base))).body;
      const held = Object.fromEntries(panelParts.map((p) => [p, partKey(base, p)]));
      for (const q of changes) {
        const after = (await get(path(q))).body;
        const asked = missingParts(q, held, { showRings: true });
        expect(asked.length, JSON.stringify(q)).toBeGreaterThan(0);
        for (const p of panelParts.filter((p) => !asked.includes(p))) {
          expect(JSON.stringify(before[p]), `${JSON.stringify(q)}: ${p} kept`).toBe(JSON.stringify(after[p]));
        }
      }
    });

    it('refuses an unknown part with a 400 and its message', async () => {
      for (const bad of ['everything', 'surface,<script>', '']) {
        const res = await get(`/api/coverage/stations?parts=${encodeURIComponent(bad)}`);
        expect(res.status, bad).toBe(400);
        expect(res.body.error.code).toBe('invalid_parameter');
        expect(res.body.error.message).toContain('parts');
      }
    });
  });
}

/** A position back on its grid vertex (i, j), with how far it lies from that vertex's exact position (m). */
function onGrid(grid: Json, p: Position): { vertex: string; offM: number } {
  const [x, y] = grid.projection.forward(p[0] as number, p[1] as number) as [number, number];
  const i = Math.round((x - grid.x0) / grid.cellM);
  const j = Math.round((y - grid.y0) / grid.cellM);
  return { vertex: `${i},${j}`, offM: Math.hypot(x - (grid.x0 + i * grid.cellM), y - (grid.y0 + j * grid.cellM)) };
}

/** Polygons as grid vertex rings from their least vertex, in a fixed order; the largest offset seen. */
function onGridPolygons(grid: Json, polygons: Position[][][]): { shape: string[]; maxOffM: number } {
  let maxOffM = 0;
  const ringOf = (ring: Position[]) => {
    const ids = ring.slice(0, -1).map((p) => {
      const g = onGrid(grid, p);
      maxOffM = Math.max(maxOffM, g.offM);
      return g.vertex;
    });
    let best = 0;
    for (let k = 1; k < ids.length; k++) if ((ids[k] as string) < (ids[best] as string)) best = k;
    return [...ids.slice(best), ...ids.slice(0, best)].join(' ');
  };
  const shape = polygons
    .map((rings) => {
      const [outer, ...holes] = rings.map(ringOf);
      return JSON.stringify([outer, holes.sort()]);
    })
    .sort();
  return { shape, maxOffM };
}

/** Planar area and perimeter (m², m) of lon/lat polygons in the grid's projection. */
function areaPerimeter(grid: Json, polygons: Position[][][]): { area: number; perimeter: number } {
  let area = 0;
  let perimeter = 0;
  for (const ring of polygons.flat()) {
    const xy = ring.map((p) => grid.projection.forward(p[0], p[1]) as [number, number]);
    for (let k = 0; k + 1 < xy.length; k++) {
      const [x1, y1] = xy[k] as [number, number];
      const [x2, y2] = xy[k + 1] as [number, number];
      area += (x1 * y2 - x2 * y1) / 2;
      perimeter += Math.hypot(x2 - x1, y2 - y1);
    }
  }
  return { area, perimeter };
}

describe('bands, isochrones and gaps from one trace equal the cell-by-cell outlines (demo county, PGlite)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives the same polygons, vertices within the quantisation bound, areas within its bound', async () => {
    const thresholds = [180, 300, 600, 900];
    expect(gridDecimals(100)).toBe(5);
    // Half a step of 1e-5° in latitude (≤ 0.56 m) and in longitude (≤ 0.47 m here), plus float noise.
    const QUANTUM_M = 0.75;
    let compared = 0;
    for (const [mode, teamStandardS] of [
      ['dissolve', 300],
      ['split', 600],
    ] as const) {
      const o: CoverageOptions = {
        thresholdsS: thresholds,
        mode,
        units: { kind: 'in_service' },
        includeBuilt: true,
        cellM: 100,
        teamStandardS,
        thresholdS: 300,
        offRoad: OFF_ROAD_DEFAULTS,
      };
      const answer = await stationCoverage(db, o);
      const { network } = await stationNetwork(db);
      const ev = evaluate(network, (await unitsOfQuery(db, o)).units, o.cellM, o.offRoad);
      const noRoad = noRoadAccess(ev.cg.grid);
      const today = {
        surface: responseBands(ev.cg, ev.surface.timeS, thresholds, noRoad).features,
        isochrones: isochroneLayer(ev, mode, thresholds).features,
        gaps: gapLayer(network, ev, standardCovered(network, ev, teamStandardS).cells, noRoad).features,
      };
      for (const layer of ['surface', 'isochrones', 'gaps'] as const) {
        const composed = answer[layer].features as Json[];
        expect(composed.length, `${mode} ${layer}`).toBe(today[layer].length);
        composed.forEach((f, n) => {
          const old = today[layer][n] as Json;
          const what = `${mode} ${layer} #${n}`;
          expect(f.properties, what).toEqual(old.properties);
          const ours = onGridPolygons(ev.cg.grid, f.geometry.coordinates);
          const theirs = onGridPolygons(ev.cg.grid, old.geometry.coordinates);
          expect(ours.shape, what).toEqual(theirs.shape);
          expect(ours.maxOffM, what).toBeLessThanOrEqual(QUANTUM_M);
          expect(theirs.maxOffM, what).toBeLessThanOrEqual(0.1); // today's 1e-6°
          const { area, perimeter } = areaPerimeter(ev.cg.grid, f.geometry.coordinates);
          const cellsArea = f.properties.cells * 100 * 100;
          expect(Math.abs(area - cellsArea), what).toBeLessThanOrEqual(perimeter * QUANTUM_M + 1);
          compared += ours.shape.length;
        });
      }
    }
    expect(compared, 'polygons compared').toBeGreaterThan(100);
  });
});

partsSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'PostgreSQL + PostGIS',
  () => {
    partsSuite('postgres', openPostgresTestDb);
  },
);
