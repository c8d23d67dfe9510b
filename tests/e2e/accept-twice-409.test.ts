/**
 * Errors where they happen (issue 10 §4): accepting the same hydrant proposal twice (a new plan
 * proposes the spot again, since planned hydrants are not counted) is a 409; the server's own
 * message shows in that proposal's row, inside the viewport — before issue 10 it read
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

  const propose = async () => {
    await page.locator('[data-action="propose"]').click();
    await expect
      .poll(() => page.locator('[data-testid="proposals"] tr[data-rank="1"]').getAttribute('data-state'), POLL)
      .toBe('pending');
  };

  it('accept, plan again, accept the same spot: the server’s 409 message in the row, in view', async () => {
    await page.locator('[data-tab="hydrants"]').click();
    await page.locator('[data-testid="coverage-card"]').waitFor(POLL);
    await propose();
    const row = page.locator('[data-testid="proposals"] tr[data-rank="1"]');
    const [lon, lat] = [Number(await row.getAttribute('data-lon')), Number(await row.getAttribute('data-lat'))];
    await row.locator('[data-action="accept"]').click();
    await expect.poll(() => row.getAttribute('data-state'), POLL).toBe('accepted');
    await propose();
    expect([Number(await row.getAttribute('data-lon')), Number(await row.getAttribute('data-lat'))]).toEqual([
      lon,
      lat,
    ]);

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
