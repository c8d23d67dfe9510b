/** The heavy-endpoint limiter on a real Hono app whose handler waits on a gate: exactly 4 in, the rest 429. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError, RateLimitedError } from '../../../server/errors';
import { concurrencyLimit, rateLimit } from '../../../server/http/concurrency-limit';

function appWith(mw: ReturnType<typeof concurrencyLimit>, gate: Promise<void>) {
  const app = new Hono();
  app.use('*', mw);
  app.get('/heavy', async (c) => {
    await gate;
    return c.text('done');
  });
  app.onError((err, c) => {
    if (err instanceof RateLimitedError) return c.text(err.code, 429, { 'retry-after': String(err.retryAfterS) });
    return c.text(String(err), 500);
  });
  return app;
}

describe('concurrencyLimit', () => {
  it('lets 4 requests in, answers the 5th to 7th with 429 + Retry-After, and frees the slots after', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const app = appWith(concurrencyLimit(4), gate);
    const pending = Array.from({ length: 7 }, () => app.request('/heavy'));
    const early = await Promise.all(pending.slice(4));
    expect(early.map((r) => r.status)).toEqual([429, 429, 429]);
    expect(early.every((r) => r.headers.get('retry-after') === '2')).toBe(true);
    open();
    expect((await Promise.all(pending.slice(0, 4))).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await app.request('/heavy')).status).toBe(200);
  });
});

describe('rateLimit', () => {
  it('allows n per minute per key, then 429 until the window ends', async () => {
    let now = 0;
    const app = new Hono();
    app.use(
      '*',
      rateLimit(
        2,
        (c) => c.req.header('x-key') ?? '',
        () => now,
      ),
    );
    app.get('/', (c) => c.text('ok'));
    app.onError((err, c) => c.text(err instanceof AppError ? err.code : 'x', err instanceof AppError ? 429 : 500));
    const hit = async (key: string) => (await app.request('/', { headers: { 'x-key': key } })).status;
    expect([await hit('a'), await hit('a'), await hit('a'), await hit('b')]).toEqual([200, 200, 429, 200]);
    now += 60_000;
    expect(await hit('a')).toBe(200);
  });
});
