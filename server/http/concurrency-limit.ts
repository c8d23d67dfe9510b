/**
 * At most `max` requests of one heavy endpoint in flight; the next gets 429 with Retry-After
 * instead of queueing behind them (a queue only turns load into seconds of waiting for all).
 */
import type { MiddlewareHandler } from 'hono';
import { RateLimitedError } from '../errors';

export function concurrencyLimit(max: number): MiddlewareHandler {
  const inFlight = new Map<string, number>();
  return async (c, next) => {
    const key = `${c.req.method} ${c.req.path}`;
    const n = inFlight.get(key) ?? 0;
    if (n >= max) throw new RateLimitedError('服务器正忙，请稍后重试 (busy: try again in a few seconds)', 2, 'busy');
    inFlight.set(key, n + 1);
    try {
      await next();
    } finally {
      inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
    }
  };
}

/** A fixed window per key (sign-in attempts per client address per minute). */
export function rateLimit(
  perMinute: number,
  keyOf: (c: Parameters<MiddlewareHandler>[0]) => string,
  now: () => number,
) {
  const windows = new Map<string, { start: number; n: number }>();
  const mw: MiddlewareHandler = async (c, next) => {
    const key = keyOf(c);
    const t = now();
    const w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      windows.set(key, { start: t, n: 1 });
    } else if (++w.n > perMinute) {
      const retry = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
      throw new RateLimitedError('尝试过于频繁，请稍后再试 (too many attempts: wait a minute)', retry);
    }
    return next();
  };
  return mw;
}
