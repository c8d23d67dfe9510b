/** Today's date (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving), from the injected clock. */
export function chinaToday(nowMs: number): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}
