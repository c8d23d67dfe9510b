/**
 * Township ranking (周通报): competition ranks by a metric, highest value first (ties share a
 * rank, "1224"), and the change against the previous window (positive = moved up).
 */

export function competitionRanks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

/** rank change = previous rank − current rank. */
export function rankChanges(current: readonly number[], previous: readonly number[]): number[] {
  return current.map((r, i) => (previous[i] as number) - r);
}

/** a / b, or null when b is 0 (a rate of nothing). */
export function ratio(a: number, b: number, scale = 1): number | null {
  return b === 0 ? null : (a / b) * scale;
}
