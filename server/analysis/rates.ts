/**
 * Rates as the brigade reads them (issue 15): percent to one decimal, and changes of a rate in
 * percentage points (pp), never "−3.2 %" for a fall from 24.2 % to 21.0 %.
 */

/** 100 · a / b to one decimal, or null when b is 0 (a rate of nothing). */
export function percent(a: number, b: number): number | null {
  return b === 0 ? null : Math.round((1000 * a) / b) / 10;
}

/** The change of a rate in percentage points (both in percent), to one decimal; null if either is null. */
export function percentagePoints(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : Math.round((current - previous) * 10) / 10;
}

/** '24.2%' / '—'. */
export function percentText(p: number | null): string {
  return p === null ? '—' : `${p.toFixed(1)}%`;
}

/** '+1.3 pp' / '−0.4 pp' / '0.0 pp' / '—'. */
export function ppText(pp: number | null): string {
  if (pp === null) return '—';
  const sign = pp > 0 ? '+' : pp < 0 ? '−' : '';
  return `${sign}${Math.abs(pp).toFixed(1)} pp`;
}
