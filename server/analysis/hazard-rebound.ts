/**
 * Rebound detection (反弹, the brigade's 2023 report: "整改、反弹，再整改、再反弹"; no standard definition, docs/standards.md §4): a hazard is a rebound when an
 * earlier hazard at the same site and of the same category was verified on or before the day it
 * was found, at most `windowDays` before. Its predecessor is the latest such verification (ties:
 * the larger id). Pure: dates are ISO strings, compared as UTC day numbers.
 */

export const DEFAULT_REBOUND_WINDOW_DAYS = 90;

export interface ReboundInput {
  id: number;
  siteId: number;
  category: string;
  foundOn: string;
  verifiedOn: string | null;
}

export interface Rebound {
  id: number;
  predecessorId: number;
  /** Days from the predecessor's verification to this hazard's discovery (0 … windowDays). */
  days: number;
}

const DAY_MS = 86_400_000;

/** UTC day number of an ISO date (YYYY-MM-DD). */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/**
 * Every rebound among `hazards`, ordered by id. O(n log n): per site and category, hazards sorted by
 * found day are swept against verifications sorted by day.
 */
export function detectRebounds(
  hazards: readonly ReboundInput[],
  windowDays: number = DEFAULT_REBOUND_WINDOW_DAYS,
): Rebound[] {
  if (!Number.isInteger(windowDays) || windowDays < 0)
    throw new RangeError(`windowDays must be ≥ 0, got ${windowDays}`);
  const groups = new Map<string, { id: number; found: number; verified: number | null }[]>();
  for (const h of hazards) {
    const key = `${h.siteId}\u0000${h.category}`;
    let g = groups.get(key);
    if (!g) {
      g = [];
      groups.set(key, g);
    }
    g.push({ id: h.id, found: dayNumber(h.foundOn), verified: h.verifiedOn === null ? null : dayNumber(h.verifiedOn) });
  }
  const out: Rebound[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const verifications = g
      .filter((h) => h.verified !== null)
      .map((h) => ({ id: h.id, day: h.verified as number }))
      .sort((a, b) => a.day - b.day || a.id - b.id);
    if (verifications.length === 0) continue;
    const byFound = [...g].sort((a, b) => a.found - b.found || a.id - b.id);
    let v = -1; // last verification with day ≤ current found day
    for (const h of byFound) {
      while (v + 1 < verifications.length && (verifications[v + 1] as { day: number }).day <= h.found) v++;
      // The latest verification on or before the found day that is not the hazard's own.
      let k = v;
      while (k >= 0 && (verifications[k] as { id: number }).id === h.id) k--;
      if (k < 0) continue;
      const p = verifications[k] as { id: number; day: number };
      const days = h.found - p.day;
      if (days <= windowDays) out.push({ id: h.id, predecessorId: p.id, days });
    }
  }
  return out.sort((a, b) => a.id - b.id);
}
