import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoCountyData } from '../../../data/synthetic/types';
import { days, demoCounty, GENERATE_TIMEOUT_MS } from './demo-county';

let data: DemoCountyData;
beforeAll(() => {
  ({ data } = demoCounty());
}, GENERATE_TIMEOUT_MS);

type Hazard = DemoCountyData['hazards'][number];

describe('hazards', () => {
  it('have unique ids, sit on a site, carry the site’s township', () => {
    const sites = new Map(data.sites.map((s) => [s.id, s]));
    expect(new Set(data.hazards.map((h) => h.id)).size).toBe(data.hazards.length);
    for (const h of data.hazards) {
      expect(h.townshipCode).toBe(sites.get(h.siteId)?.townshipCode);
      expect(h.foundOn >= '2023-01-01' && h.foundOn <= '2023-12-31').toBe(true);
    }
  });

  it('have dates in lifecycle order: deadline 3–30 days (major longer), verified 3–14 days after the fix', () => {
    for (const h of data.hazards) {
      const found = days(h.foundOn);
      const deadline = days(h.deadline) - found;
      if (h.severity === 'major') expect(deadline).toBeGreaterThan(20);
      else expect(deadline >= 3 && deadline <= 30).toBe(true);
      if (h.rectifiedOn) expect(days(h.rectifiedOn)).toBeGreaterThanOrEqual(found);
      if (h.verifiedOn) {
        const gap = days(h.verifiedOn) - days(h.rectifiedOn as string);
        expect(gap >= 3 && gap <= 14).toBe(true);
      }
      expect(h.rectifiedOn != null).toBe(h.status === 'rectified' || h.status === 'verified');
      expect(h.verifiedOn != null).toBe(h.status === 'verified');
    }
  });

  it('have transitions matching their dates and ending in their status', () => {
    const byHazard = new Map<number, DemoCountyData['hazardTransitions']>();
    for (const t of data.hazardTransitions) byHazard.set(t.hazardId, [...(byHazard.get(t.hazardId) ?? []), t]);
    for (const h of data.hazards) {
      const steps = byHazard.get(h.id) ?? [];
      expect(steps[0]).toMatchObject({ fromStatus: null, toStatus: 'open', on: h.foundOn });
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]?.fromStatus).toBe(steps[i - 1]?.toStatus);
        expect((steps[i]?.on as string) >= (steps[i - 1]?.on as string)).toBe(true);
      }
      const last = steps[steps.length - 1];
      expect(last?.toStatus).toBe(h.status);
      if (h.rectifiedOn) expect(steps.filter((s) => s.toStatus === 'rectified').at(-1)?.on).toBe(h.rectifiedOn);
      if (h.verifiedOn) expect(last?.on).toBe(h.verifiedOn);
    }
  });

  it('leave a few hundred window hazards still open on 2023-07-24, some overdue, and some open at year end', () => {
    const byHazard = new Map<number, string>();
    for (const t of data.hazardTransitions) if (t.on <= '2023-07-24') byHazard.set(t.hazardId, t.toStatus);
    const open = data.hazards.filter(
      (h) => h.foundOn <= '2023-07-24' && ['open', 'rectifying', 'reopened'].includes(byHazard.get(h.id) as string),
    );
    expect(open.length).toBeGreaterThanOrEqual(100);
    expect(open.length).toBeLessThanOrEqual(2000);
    expect(open.some((h) => h.deadline < '2023-07-24')).toBe(true);
    const openAtYearEnd = data.hazards.filter((h) => ['open', 'rectifying', 'reopened'].includes(h.status));
    expect(openAtYearEnd.some((h) => h.deadline < '2023-12-31')).toBe(true);
    expect(data.hazards.filter((h) => h.foundOn > '2023-07-24').length).toBeGreaterThan(1000);
  });

  it('link rebounds to a verified predecessor at the same site and category, found within 90 days', () => {
    const byId = new Map<number, Hazard>(data.hazards.map((h) => [h.id, h]));
    const rebounds = data.hazards.filter((h) => h.predecessorId != null);
    for (const h of rebounds) {
      const p = byId.get(h.predecessorId as number) as Hazard;
      expect(p).toBeDefined();
      expect(p.id).not.toBe(h.id);
      expect(p.siteId).toBe(h.siteId);
      expect(p.category).toBe(h.category);
      expect(p.status).toBe('verified');
      const gap = days(h.foundOn) - days(p.verifiedOn as string);
      expect(gap > 0 && gap <= 90).toBe(true);
    }
    const share = rebounds.length / data.hazards.length;
    expect(share).toBeGreaterThanOrEqual(0.05);
    expect(share).toBeLessThanOrEqual(0.1);
  });

  it('rebound unevenly: the worst township’s rate is several times the best', () => {
    const rate = new Map<string, [number, number]>();
    for (const h of data.hazards) {
      const [n, r] = rate.get(h.townshipCode) ?? [0, 0];
      rate.set(h.townshipCode, [n + 1, r + (h.predecessorId != null ? 1 : 0)]);
    }
    const rates = [...rate.values()].map(([n, r]) => r / n);
    expect(Math.max(...rates)).toBeGreaterThan(3 * Math.min(...rates));
  });
});
