/**
 * Accepted proposals are planned hydrants (issue 13): accept one, plan again — the spot is not
 * proposed again; delete the planned hydrant, plan again — it comes back. And errors where they
 * happen (issue 10 §4): when someone else accepted the same spot first, 采纳 is a 409 and the
 * server's own message shows in that proposal's row, inside the viewport — before issue 10 it read
 * "加载失败：409 Conflict", ~900 px above the button.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot } from './browser';

const POLL = { timeout: 120_000 };

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('a 409 beside its button (Chromium)', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession();
    page = session.page;
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  const rank1 = () => page.locator('[data-testid="proposals"] tr[data-rank="1"]');
  const spot = async () => [
    Number(await rank1().getAttribute('data-lon')),
    Number(await rank1().getAttribute('data-lat')),
  ];

  /**
   * Plans again and waits until the table shows this plan's first proposal: the last plan's rows
   * are pending too, so their state alone would not say the new answer is in (a slow CI run read
   * the previous plan's spot).
   */
  const propose = async () => {
    const answer = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/plan/hydrants' && r.request().method() === 'POST',
    );
    await page.locator('[data-action="propose"]').click();
    const plan = (await (await answer).json()) as { proposals: { lon: number; lat: number }[] };
    const best = plan.proposals[0];
    expect(best, 'the plan proposes a spot').toBeDefined();
    await expect.poll(spot, POLL).toEqual([best?.lon, best?.lat]);
    await expect.poll(() => rank1().getAttribute('data-state'), POLL).toBe('pending');
  };

  it('accept, plan again: not proposed again; delete the planned hydrant, plan again: it comes back', async () => {
    await page.locator('[data-tab="hydrants"]').click();
    await page.locator('[data-testid="coverage-card"]').waitFor(POLL);
    await propose();
    const first = await spot();
    const accepted = page.waitForResponse((r) => r.url().endsWith('/api/plan/hydrants/accept'));
    await rank1().locator('[data-action="accept"]').click();
    const inserted = ((await (await accepted).json()) as { inserted: { id: number }[] }).inserted;
    await expect.poll(() => rank1().getAttribute('data-state'), POLL).toBe('accepted');
    await propose();
    expect(await spot()).not.toEqual(first);
    await screenshot(page, '41-plan-after-accept');
    // the prevention officer takes it back (the 编辑 panel's delete, here through the same API)
    const id = (inserted[0] as { id: number }).id;
    const feature = (await (await session.server.fetch(`/api/hydrants/${id}`)).json()) as {
      properties: { version: number };
    };
    const del = await session.server.fetch(`/api/hydrants/${id}`, {
      method: 'DELETE',
      headers: { 'if-match': String(feature.properties.version) },
    });
    expect(del.status).toBe(200);
    await propose();
    expect(await spot()).toEqual(first);
  });

  it('someone else accepted the spot first: the server’s 409 message in the row, in view', async () => {
    const row = rank1();
    const [lon, lat] = await spot();
    const other = await session.server.fetch('/api/plan/hydrants/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ proposals: [{ lon, lat }] }),
    });
    expect(other.status).toBe(201);

    const response = page.waitForResponse((r) => r.url().endsWith('/api/plan/hydrants/accept'));
    await row.locator('[data-action="accept"]').click();
    const answer = await response;
    expect(answer.status()).toBe(409);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('conflict');

    const note = row.locator('[data-testid="accept-error"]');
    await note.waitFor();
    const text = (await note.textContent()) ?? '';
    expect(text).toContain(body.error.message);
    expect(text).not.toContain('409 Conflict');
    // inside the viewport, not somewhere above the button
    const box = await note.boundingBox();
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    expect(box).not.toBeNull();
    if (!box) return;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(await note.isVisible()).toBe(true);
    expect(await row.getAttribute('data-state')).toBe('pending');
    await screenshot(page, '42-accept-409-in-row');
  });
});
