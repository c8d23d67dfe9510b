/**
 * The township work records, sources and notices reproduce the report (docs/standards.md §6) in its
 * window 2023-01-01 … 2023-07-24, computed here from the rows with no generator code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoCountyData } from '../../../data/synthetic/types';
import { demoCounty, GENERATE_TIMEOUT_MS } from './demo-county';

const inWindow = (iso: string) => iso >= '2023-01-01' && iso <= '2023-07-24';
let data: DemoCountyData;
beforeAll(() => {
  ({ data } = demoCounty());
}, GENERATE_TIMEOUT_MS);

describe('township work in the report window (docs/standards.md §6)', () => {
  it('14,632 distinct places patrolled (sites by id, free places by address)', () => {
    const places = new Set(
      data.patrols
        .filter((p) => inWindow(p.patrolledOn))
        .map((p) => (p.siteId ? `site ${p.siteId}` : `at ${p.address}`)),
    );
    expect(places.size).toBe(14_632);
    for (const p of data.patrols) {
      if (p.siteId === null || p.siteId === undefined) {
        expect(p.address).toMatch(/^舞阳县/);
        expect(p.geom?.type).toBe('Point');
      }
    }
  });

  it('4,156 training and publicity sessions, 4,474 village guidance visits', () => {
    expect(data.trainings.filter((t) => inWindow(t.heldOn))).toHaveLength(4_156);
    expect(data.villageVisits.filter((v) => inWindow(v.visitedOn))).toHaveLength(4_474);
    const villageTownship = new Map(data.villages.map((v) => [v.code, v.townshipCode]));
    for (const v of data.villageVisits) expect(villageTownship.get(v.villageCode)).toBe(v.townshipCode);
  });

  it('17,528 of the 19,591 hazards rectified in the window were found by township patrols', () => {
    const fixed = data.hazards.filter(
      (h) =>
        inWindow(h.foundOn) &&
        (h.status === 'rectified' || h.status === 'verified') &&
        (h.rectifiedOn as string) <= '2023-07-24',
    );
    expect(fixed).toHaveLength(19_591);
    expect(fixed.filter((h) => h.source === 'township_patrol')).toHaveLength(17_528);
    expect(new Set(data.hazards.map((h) => h.source))).toEqual(
      new Set(['township_patrol', 'brigade_inspection', 'other']),
    );
  });

  it('every hazard a township patrol found has its patrol: same site, same day, counted', () => {
    const patrolFound = new Map<string, number>();
    for (const p of data.patrols) if (p.siteId) patrolFound.set(`${p.siteId}|${p.patrolledOn}`, p.hazardsFound ?? 0);
    const hazardsAt = new Map<string, number>();
    for (const h of data.hazards) {
      if (h.source !== 'township_patrol') continue;
      const key = `${h.siteId}|${h.foundOn}`;
      hazardsAt.set(key, (hazardsAt.get(key) ?? 0) + 1);
    }
    for (const [key, n] of hazardsAt) expect(patrolFound.get(key), key).toBe(n);
    const sites = new Map(data.sites.map((s) => [s.id, s.townshipCode]));
    for (const p of data.patrols) if (p.siteId) expect(sites.get(p.siteId)).toBe(p.townshipCode);
  });

  it('the office sent 18 督办通知, 22 提示函, 3 预警指南 and 4 案例警示 in the window', () => {
    const count = (kind: string) => data.notices.filter((n) => n.kind === kind && inWindow(n.issuedOn)).length;
    expect([count('supervision'), count('reminder'), count('warning_guide'), count('case_warning')]).toEqual([
      18, 22, 3, 4,
    ]);
    expect(new Set(data.notices.map((n) => n.number)).size).toBe(data.notices.length);
  });

  it('a 督办通知 names hazards of its township that were past their deadline and open on the day it went out', () => {
    const hazards = new Map(data.hazards.map((h) => [h.id, h]));
    const notices = new Map(data.notices.map((n) => [n.id, n]));
    for (const n of data.notices.filter((x) => x.kind === 'supervision')) {
      expect(data.noticeHazards.some((nh) => nh.noticeId === n.id)).toBe(true);
      expect(n.replyBy && n.replyBy > n.issuedOn).toBe(true);
    }
    for (const nh of data.noticeHazards) {
      const n = notices.get(nh.noticeId);
      const h = hazards.get(nh.hazardId);
      expect(n?.kind).toBe('supervision');
      expect(h?.townshipCode).toBe(n?.townshipCode);
      expect((h?.deadline as string) < (n?.issuedOn as string)).toBe(true);
      expect(h?.rectifiedOn === null || (h?.rectifiedOn as string) > (n?.issuedOn as string)).toBe(true);
    }
  });
});
