/** Pure helpers of the 站点覆盖 state: legend bands, ETA text, table order, scenario drafts, district colours. */
import { describe, expect, it } from 'vitest';
import { bandColors, beyondColor, noRoadColor } from '../../../web/map/layers/station-coverage';
import {
  bandRows,
  districtFeatures,
  draftChanges,
  formatEta,
  minutes,
  nextSort,
  turnoutParam,
  type UnitInfo,
  unitPalette,
} from '../../../web/panels/station-coverage/station-coverage.svelte';

const band = (band: number, fromS: number | null, toS: number | null, areaKm2: number) => ({
  properties: {
    band,
    class: (fromS === null ? 'no_road_access' : toS === null ? 'beyond' : 'within') as
      | 'within'
      | 'beyond'
      | 'no_road_access',
    fromS,
    toS,
    cells: 0,
    areaKm2,
  },
});

describe('bandRows: the surface legend', () => {
  it('orders bands fastest first, beyond, then no road access last, with the colours the map paints', () => {
    const rows = bandRows([
      band(5, null, null, 400.2),
      band(4, 900, null, 54.1),
      band(1, 180, 300, 37.2),
      band(0, 0, 180, 5.9),
      band(3, 600, 900, 65),
    ]);
    expect(rows.map((r) => [r.fromS, r.toS])).toEqual([
      [0, 180],
      [180, 300],
      [600, 900],
      [900, null],
      [null, null],
    ]);
    expect(rows.map((r) => r.color)).toEqual([bandColors[0], bandColors[1], bandColors[3], beyondColor, noRoadColor]);
    expect(rows.map((r) => r.class)).toEqual(['within', 'within', 'within', 'beyond', 'no_road_access']);
    expect(rows.map((r) => r.areaKm2)).toEqual([5.9, 37.2, 65, 54.1, 400.2]);
  });
  it('skips features without properties and keeps an empty answer empty', () => {
    expect(bandRows([])).toEqual([]);
    expect(bandRows([{ properties: null }, band(0, 0, 180, 1)])).toHaveLength(1);
  });
});

describe('minutes and formatEta', () => {
  it('writes band edges in minutes and ETAs as m:ss, unreached as a dash', () => {
    expect(minutes(180)).toBe('3');
    expect(minutes(450)).toBe('7.5');
    expect(formatEta(352.4)).toBe('5:52');
    expect(formatEta(59.6)).toBe('1:00');
    expect(formatEta(0)).toBe('0:00');
    expect(formatEta(null)).toBe('—');
    expect(formatEta(undefined)).toBe('—');
  });
});

describe('nextSort: a click on a column header', () => {
  it('flips the direction of the current column', () => {
    expect(nextSort({ sort: 'firstEta', dir: 'desc' }, 'firstEta')).toEqual({ sort: 'firstEta', dir: 'asc' });
    expect(nextSort({ sort: 'name', dir: 'asc' }, 'name')).toEqual({ sort: 'name', dir: 'desc' });
  });
  it('starts a new ETA column slowest first and a text column A first', () => {
    expect(nextSort({ sort: 'name', dir: 'asc' }, 'secondEta')).toEqual({ sort: 'secondEta', dir: 'desc' });
    expect(nextSort({ sort: 'firstEta', dir: 'desc' }, 'township')).toEqual({ sort: 'township', dir: 'asc' });
    expect(nextSort({ sort: 'firstEta', dir: 'asc' }, 'firstUnit')).toEqual({ sort: 'firstUnit', dir: 'asc' });
  });
});

const unit = (id: number, status: string, turnoutS = 60): UnitInfo => ({
  id,
  code: `U${id}`,
  name: `unit ${id}`,
  kind: 'station',
  status,
  turnoutS,
  staff: 10,
});

describe('draftChanges: a scenario from the toggles', () => {
  const units = [unit(1, 'in_service'), unit(2, 'built'), unit(3, 'in_service', 90), unit(4, 'planned')];
  it('is empty for the baseline (units in service on, nothing changed)', () => {
    expect(draftChanges(units, new Set([1, 3]), { 1: 60 }, [])).toEqual({
      unitStatus: [],
      turnout: [],
      hypotheticalUnits: [],
    });
  });
  it('puts switched-on units in service, closes switched-off ones, keeps changed turnouts and clicked units', () => {
    const h = { name: '假设站点 1', kind: 'micro_station' as const, lon: 113.6, lat: 33.4, turnoutS: 30, staff: 0 };
    const changes = draftChanges(units, new Set([1, 2]), { 1: 120, 3: 90 }, [h]);
    expect(changes.unitStatus).toEqual([
      { unitId: 2, status: 'in_service' },
      { unitId: 3, status: 'closed' },
    ]);
    expect(changes.turnout).toEqual([{ unitId: 1, turnoutS: 120 }]);
    expect(changes.hypotheticalUnits).toEqual([h]);
    expect(changes.hypotheticalUnits[0]).not.toBe(h);
  });
});

describe('turnoutParam: turnouts tried live', () => {
  const units = [unit(1, 'in_service'), unit(2, 'built'), unit(3, 'in_service', 90)];
  it('sends only edits of units switched on that differ from the stored turnout, in unit order', () => {
    expect(turnoutParam(units, new Set([1, 3]), { 3: 120, 1: 30, 2: 10 })).toEqual({ turnout: '1:30,3:120' });
    expect(turnoutParam(units, new Set([1, 3]), { 1: 60, 3: 90 })).toEqual({});
    expect(turnoutParam(units, new Set([1]), { 2: 10 })).toEqual({});
  });
});

describe('districtFeatures: the main-threshold layer', () => {
  const geometry = { type: 'MultiPolygon' as const, coordinates: [] };
  const iso = (thresholdS: number, unitId: number | string | null) => ({
    type: 'Feature' as const,
    properties: { mode: 'split' as const, thresholdS, source: 0, cells: 1, areaKm2: 0.01, unitId },
    geometry,
  });
  it('split: one filled district per unit at the threshold, coloured by unit order', () => {
    const fc = districtFeatures([iso(180, 1), iso(300, 1), iso(300, 'h1'), iso(600, 1)], [1, 'h1'], 'split', 300);
    expect(fc.features.map((f) => f.properties?.unitId)).toEqual([1, 'h1']);
    expect(fc.features.map((f) => f.properties?.color)).toEqual([unitPalette[0], unitPalette[1]]);
    expect(fc.features.every((f) => f.properties?.fill === true)).toBe(true);
  });
  it('dissolve: the one isochrone as an outline, not filled', () => {
    const fc = districtFeatures([iso(300, null), iso(600, null)], [1], 'dissolve', 600);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.properties).toMatchObject({ fill: false, line: '#212529' });
  });
  it('overlap: outlines in the unit colours', () => {
    const fc = districtFeatures([iso(300, 2), iso(300, 1)], [1, 2], 'overlap', 300);
    expect(fc.features.map((f) => f.properties?.line)).toEqual([unitPalette[1], unitPalette[0]]);
    expect(fc.features.every((f) => f.properties?.fill === false)).toBe(true);
  });
});
