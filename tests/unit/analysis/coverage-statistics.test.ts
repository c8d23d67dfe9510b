/**
 * The pure statistics of station coverage and hydrant planning (server/analysis): areas within a
 * time, high-risk arrival statistics, response bands, effective-response-force levels' inputs,
 * and the hydrant tallies — on small hand-made grids and sites, against counts done by hand.
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaWithin } from '../../../server/analysis/coverage-area';
import { type CountyGrid, cellsFeature, finite, km2 } from '../../../server/analysis/coverage-cells';
import { standardOf } from '../../../server/analysis/coverage-standards';
import { highRiskStats, nearestRankQuantile } from '../../../server/analysis/high-risk-stats';
import { countByRisk, whatIfTallies } from '../../../server/analysis/hydrant-tallies';
import { localProjection } from '../../../server/analysis/local-projection';
import { type CellGrid, polygonGrid } from '../../../server/analysis/polygon-grid';
import { responseBands } from '../../../server/analysis/response-bands';

/** A 1 km × 1 km square of 100 m cells (100 cells); the west half township 0, the east half 1. */
function squareGrid(): CountyGrid<CellGrid> {
  const projection = localProjection(113.6, 33.43);
  const ring = [
    [0, 0],
    [1000, 0],
    [1000, 1000],
    [0, 1000],
    [0, 0],
  ].map(([x, y]) => projection.inverse(x as number, y as number));
  const grid = polygonGrid({ type: 'Polygon', coordinates: [ring] } as Polygon, projection, 100);
  const cols = Array.from(grid.cells, (c) => c % grid.cols);
  const west = Math.min(...cols) + 5;
  const township = Int32Array.from(cols, (col) => (col < west ? 0 : 1));
  return { grid, township };
}

describe('areaWithin', () => {
  it('counts the cells within the time, county-wide and per township', () => {
    const cg = squareGrid();
    const n = cg.grid.cells.length;
    expect(n).toBe(100);
    // Times 0..99 s by cell index: ≤ 29 s → 30 cells.
    const times = Float64Array.from({ length: n }, (_, k) => k);
    const a = areaWithin(
      [
        { code: 'W', name: '西' },
        { code: 'E', name: '东' },
      ],
      cg,
      times,
      100,
      29,
    );
    expect(a.km2).toBe(km2(30, 100));
    expect(a.countyKm2).toBe(1);
    expect(a.pct).toBe(30);
    const westCells = [...cg.township].filter((t) => t === 0).length;
    const westWithin = [...cg.township].filter((t, k) => t === 0 && k <= 29).length;
    expect(westCells).toBe(50);
    expect(a.townships[0]).toEqual({
      code: 'W',
      name: '西',
      km2: km2(westWithin, 100),
      areaKm2: 0.5,
      pct: Math.round((100_000 * westWithin) / westCells) / 1000,
    });
    expect((a.townships[0]?.km2 ?? 0) + (a.townships[1]?.km2 ?? 0)).toBeCloseTo(a.km2, 9);
  });
});

describe('responseBands', () => {
  it('partitions the grid: every cell in exactly one class — bands, beyond (road near), no road access', () => {
    const cg = squareGrid();
    const n = cg.grid.cells.length;
    const times = Float64Array.from({ length: n }, (_, k) => (k % 10 === 0 ? Number.POSITIVE_INFINITY : k * 10));
    // Cells 90–99 have no road near (and so no time).
    const noRoad = (k: number) => k >= 90;
    for (let k = 90; k < n; k++) times[k] = Number.POSITIVE_INFINITY;
    const bands = responseBands(cg, times, [180, 300, 600], noRoad);
    const cells = bands.features.map((f) => f.properties.cells);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(n);
    const by = (lo: number, hi: number) => [...times].filter((t) => t > lo && t <= hi).length;
    expect(cells).toEqual([by(-1, 180), by(180, 300), by(300, 600), n - by(-1, 600) - 10, 10]);
    expect(bands.features.map((f) => [f.properties.class, f.properties.fromS, f.properties.toS])).toEqual([
      ['within', 0, 180],
      ['within', 180, 300],
      ['within', 300, 600],
      ['beyond', 600, null],
      ['no_road_access', null, null],
    ]);
    // Without a no-road predicate every unreached cell is beyond and the last class is empty.
    const plain = responseBands(cg, times, [180, 300, 600]).features.map((f) => f.properties.cells);
    expect(plain.slice(3)).toEqual([n - by(-1, 600), 0]);
  });
  it('outlines picked cells as a polygon of their area', () => {
    const cg = squareGrid();
    const f = cellsFeature(cg, () => true, { scope: 'county' });
    expect(f.properties).toEqual({ scope: 'county', cells: 100, areaKm2: 1 });
    expect(f.geometry.coordinates).toHaveLength(1);
  });
});

describe('highRiskStats', () => {
  it('takes levels ≥ 3 only; mean over the reached, p90 by nearest rank, within 5 min', () => {
    const sites = [1, 3, 4, 3, 4, 2, 3].map((riskLevel) => ({ riskLevel }));
    const eta = [10, 100, 400, Number.POSITIVE_INFINITY, 250, 5, 300];
    const s = highRiskStats(sites, eta, (i) => i === 3);
    expect(s).toEqual({
      highRiskSites: 5,
      reachedWithinCutoff: 4,
      noRoadNear: 1,
      meanEtaS: (100 + 400 + 250 + 300) / 4,
      p90EtaS: null,
      p90EtaReachedS: 400,
      within5Min: 3,
    });
  });
  it('nearest rank: the smallest value with at least q of the values at or below it', () => {
    expect(nearestRankQuantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRankQuantile([5], 0.9)).toBe(5);
    expect(nearestRankQuantile([], 0.9)).toBeNull();
    expect(finite(Number.POSITIVE_INFINITY)).toBeNull();
  });
  it('standards: stations 5 min, micro stations 3 min, teams as configured', () => {
    expect(standardOf('station', 600)).toBe(300);
    expect(standardOf('micro_station', 600)).toBe(180);
    expect(standardOf('township_team', 600)).toBe(600);
  });
});

describe('hydrant tallies', () => {
  it('what-if: newly covered and uncovered, net per category and risk, townships that change', () => {
    const sites = [
      { township: 'A', category: 'hazmat', riskLevel: 4 },
      { township: 'A', category: 'medical', riskLevel: 2 },
      { township: 'B', category: 'hazmat', riskLevel: 4 },
      { township: 'B', category: 'other', riskLevel: 1 },
      { township: 'C', category: 'other', riskLevel: 1 },
    ];
    const before = { covered: Uint8Array.from([0, 1, 0, 1, 1]) };
    const after = { covered: Uint8Array.from([1, 0, 1, 1, 1]) };
    const t = whatIfTallies(sites, before, after);
    expect(t.newlyCovered).toEqual([0, 2]);
    expect(t.newlyUncovered).toEqual([1]);
    expect(t.byCategory).toEqual({ hazmat: 2, medical: -1 });
    expect(t.byRisk).toEqual({ 4: 2, 2: -1 });
    expect(t.townships).toEqual([{ code: 'B', before: 1, after: 2, sites: 2, delta: 1 }]);
  });
  it('uncovered sites per risk level, highest first', () => {
    expect(countByRisk([1, 4, 2, 4, 4, 1].map((riskLevel) => ({ riskLevel })))).toEqual([
      { riskLevel: 4, count: 3 },
      { riskLevel: 2, count: 1 },
      { riskLevel: 1, count: 2 },
    ]);
  });
});
