/** The demo data reproduces the brigade's 2023 mid-year report exactly (docs/standards.md §6). */
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoCountyData } from '../../../data/synthetic/types';
import type { RealCountyData } from '../../../data/wuyang/load';
import { demoCounty, GENERATE_TIMEOUT_MS } from './demo-county';

const WINDOW_START = '2023-01-01';
const WINDOW_END = '2023-07-24';

let real: RealCountyData;
let data: DemoCountyData;
beforeAll(() => {
  ({ real, data } = demoCounty());
}, GENERATE_TIMEOUT_MS);

const inWindow = (iso: string) => iso >= WINDOW_START && iso <= WINDOW_END;

describe('report figures (docs/standards.md §6)', () => {
  it('15,500 places inspected: sites with ids 1..15500 and codes SI-00001…', () => {
    expect(data.sites).toHaveLength(15_500);
    data.sites.forEach((s, i) => {
      expect(s.id).toBe(i + 1);
      expect(s.code).toBe(`SI-${String(i + 1).padStart(5, '0')}`);
      expect(s.adcode).toBe('411121');
      expect(s.address?.startsWith(`舞阳县${data.townships.find((t) => t.code === s.townshipCode)?.name}`)).toBe(true);
    });
  });

  it('19,591 hazards found in the window and rectified by its end', () => {
    const fixed = data.hazards.filter(
      (h) =>
        inWindow(h.foundOn) &&
        (h.status === 'rectified' || h.status === 'verified') &&
        (h.rectifiedOn as string) <= WINDOW_END,
    );
    expect(fixed).toHaveLength(19_591);
  });

  it('enforcement in the window: 16 fines = 99,900 yuan, 7 seals, 7 three-stops, 1 detention', () => {
    const inW = data.enforcementActions.filter((e) => inWindow(e.decidedOn));
    const count = (k: string) => inW.filter((e) => e.kind === k).length;
    expect([count('fine'), count('seal'), count('three_stops'), count('detention')]).toEqual([16, 7, 7, 1]);
    const fines = inW.filter((e) => e.kind === 'fine').map((e) => e.fineYuan as number);
    expect(fines.reduce((a, b) => a + b, 0)).toBe(99_900);
    for (const f of fines) {
      expect(f % 100).toBe(0);
      expect(f).toBeGreaterThanOrEqual(1000);
      expect(f).toBeLessThanOrEqual(30_000);
    }
    for (const e of inW.filter((x) => x.kind !== 'fine')) expect(e.fineYuan).toBeNull();
  });

  it('enforcement falls on sites that had a hazard found before the decision, in the site’s township', () => {
    const sites = new Map(data.sites.map((s) => [s.id, s]));
    for (const e of data.enforcementActions) {
      expect(e.townshipCode).toBe(sites.get(e.siteId)?.townshipCode);
      expect(data.hazards.some((h) => h.siteId === e.siteId && h.foundOn <= e.decidedOn)).toBe(true);
    }
  });

  it('13 township full-time teams, 40 members, a radio each, none in the county-seat township', () => {
    const teams = data.units.filter((u) => u.kind === 'township_team');
    expect(teams).toHaveLength(13);
    expect(teams.reduce((s, u) => s + u.staff, 0)).toBe(40);
    expect(new Set(teams.map((u) => u.townshipCode)).size).toBe(13);
    expect(teams.map((u) => u.townshipCode)).not.toContain(real.seatTownshipCode);
    for (const u of teams) {
      expect(u.equipment.some((e) => e.includes('对讲机'))).toBe(true);
      expect(u.vehicles).toBe(1);
      expect(u.turnoutS).toBeGreaterThanOrEqual(90);
      expect(u.turnoutS).toBeLessThanOrEqual(120);
    }
    const xinan = teams.find((u) => u.name.startsWith('辛安镇'));
    expect(xinan?.equipment.some((e) => e.includes('71件套'))).toBe(true);
  });

  it('the second squad is built, not on duty, 5–7 km from the county seat; the station is in service', () => {
    const squad = data.units.find((u) => u.name === '舞阳县消防救援站二中队');
    expect(squad?.status).toBe('built');
    expect(squad?.kind).toBe('station');
    const km = turf.distance(real.seat, squad?.geom.coordinates as number[], { units: 'kilometers' });
    expect(km).toBeGreaterThanOrEqual(5);
    expect(km).toBeLessThanOrEqual(7);
    const station = data.units.find((u) => u.name === '舞阳县消防救援站');
    expect(station).toMatchObject({
      status: 'in_service',
      grade: '一级',
      turnoutS: 60,
      townshipCode: real.seatTownshipCode,
    });
  });

  it('village micro stations exist, some only planned', () => {
    const micro = data.units.filter((u) => u.kind === 'micro_station');
    expect(micro.length).toBeGreaterThanOrEqual(6);
    expect(micro.some((u) => u.status === 'planned')).toBe(true);
    for (const u of micro) expect(u.staff).toBeGreaterThanOrEqual(6);
  });

  it('30 new hydrants installed in 2023', () => {
    expect(data.hydrants.filter((h) => h.installedOn?.startsWith('2023')).length).toBe(30);
    for (const h of data.hydrants) if (h.installedOn) expect(h.installedOn >= '2005-01-01').toBe(true);
  });

  it('dataset and county rows', () => {
    expect(data.dataset).toMatchObject({ adcode: '411121', name: '舞阳县', synthetic: true, asOf: '2023-12-31' });
    expect(data.dataset.note).toContain('演示数据');
    expect(data.counties).toHaveLength(5);
    expect(data.counties.filter((c) => c.focus).map((c) => c.adcode)).toEqual(['411121']);
  });
});
