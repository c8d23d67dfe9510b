/**
 * Calendar days as integers (days since 1970-01-01, UTC) and their 'YYYY-MM-DD' form. Both
 * directions are memoised: the generator converts a few hundred distinct days ~10⁵ times.
 */

const DAY_MS = 86_400_000;
const dayCache = new Map<string, number>();
const isoCache = new Map<number, string>();

export function dayOf(iso: string): number {
  let day = dayCache.get(iso);
  if (day === undefined) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    day = Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
    dayCache.set(iso, day);
  }
  return day;
}

export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}
