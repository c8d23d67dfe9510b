import { describe, expect, it } from 'vitest';
import { dayNumber, detectRebounds, type ReboundInput } from '../../../server/analysis/hazard-rebound';
import { prng } from './oracles';

const iso = (day: number) => new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** Brute force: every hazard against every other, no grouping, no sorting. */
function bruteForce(hazards: ReboundInput[], windowDays: number) {
  const out: { id: number; predecessorId: number; days: number }[] = [];
  for (const h of hazards) {
    let best: ReboundInput | null = null;
    for (const p of hazards) {
      if (p === h || p.siteId !== h.siteId || p.category !== h.category || p.verifiedOn === null) continue;
      const gap = (Date.parse(h.foundOn) - Date.parse(p.verifiedOn)) / 86_400_000;
      if (gap < 0 || gap > windowDays) continue;
      if (
        best === null ||
        (p.verifiedOn as string) > (best.verifiedOn as string) ||
        (p.verifiedOn === best.verifiedOn && p.id > best.id)
      )
        best = p;
    }
    if (best) {
      const days = (Date.parse(h.foundOn) - Date.parse(best.verifiedOn as string)) / 86_400_000;
      out.push({ id: h.id, predecessorId: best.id, days });
    }
  }
  return out.sort((a, b) => a.id - b.id);
}

function randomHazards(seed: number, n: number): ReboundInput[] {
  const rand = prng(seed);
  const cats = ['electrical', 'exits', 'storage'];
  return Array.from({ length: n }, (_, i) => {
    const found = Math.floor(rand() * 365);
    const verified = rand() < 0.7 ? found + Math.floor(rand() * 40) : null;
    return {
      id: i + 1,
      siteId: 1 + Math.floor(rand() * 12),
      category: cats[Math.floor(rand() * cats.length)] as string,
      foundOn: iso(found),
      verifiedOn: verified === null ? null : iso(verified),
    };
  });
}

describe('rebound detection', () => {
  it('equals a brute-force pass on random hazards, for several windows', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const hazards = randomHazards(seed, 40 + seed * 10);
      for (const w of [0, 7, 30, 90, 400]) {
        expect(detectRebounds(hazards, w), `seed ${seed} window ${w}`).toEqual(bruteForce(hazards, w));
      }
    }
  });

  it('counts the window boundary in, one day past it out; needs the same site and category', () => {
    const base = { siteId: 1, category: 'exits' };
    const hazards: ReboundInput[] = [
      { id: 1, ...base, foundOn: '2023-01-01', verifiedOn: '2023-01-10' },
      { id: 2, ...base, foundOn: '2023-04-10', verifiedOn: null }, // 90 days after: rebound
      { id: 3, ...base, foundOn: '2023-04-11', verifiedOn: null }, // 91 days: not
      { id: 4, siteId: 2, category: 'exits', foundOn: '2023-01-20', verifiedOn: null }, // other site
      { id: 5, siteId: 1, category: 'storage', foundOn: '2023-01-20', verifiedOn: null }, // other category
      { id: 6, ...base, foundOn: '2023-01-10', verifiedOn: null }, // found the day of the verification: 0 days
    ];
    expect(dayNumber('2023-04-10') - dayNumber('2023-01-10')).toBe(90);
    expect(detectRebounds(hazards)).toEqual([
      { id: 2, predecessorId: 1, days: 90 },
      { id: 6, predecessorId: 1, days: 0 },
    ]);
  });

  it('links to the latest verification before the find, not the first hazard', () => {
    const base = { siteId: 7, category: 'electrical' };
    const hazards: ReboundInput[] = [
      { id: 10, ...base, foundOn: '2023-01-01', verifiedOn: '2023-01-05' },
      { id: 11, ...base, foundOn: '2023-01-20', verifiedOn: '2023-02-01' },
      { id: 12, ...base, foundOn: '2023-02-15', verifiedOn: null },
    ];
    expect(detectRebounds(hazards).map((r) => [r.id, r.predecessorId])).toEqual([
      [11, 10],
      [12, 11],
    ]);
  });

  it('refuses a negative window', () => {
    expect(() => detectRebounds([], -1)).toThrow(RangeError);
  });
});
