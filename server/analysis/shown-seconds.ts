/**
 * One rounding rule for ETAs (issue 16): a site's ETA is the whole second the UI shows (m:ss), and
 * "within / over a threshold" is decided on that same value — a site at 300.2 s shows 5:00 and is
 * within 5 minutes, one at 300.5 s shows 5:01 and is over. Pure.
 */

/** Rounds finite times to whole seconds in place (Infinity, not reached, stays). */
export function wholeSeconds(times: Float64Array): Float64Array {
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (Number.isFinite(t)) times[i] = Math.round(t);
  }
  return times;
}
