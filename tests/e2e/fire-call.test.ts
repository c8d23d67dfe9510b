/**
 * 警情 (issue 14) in Chromium: search 舞阳县和丰医院, then one click with the fire-call tool on the
 * site → the panel shows the ranked units, three routes are on the map and the water list is
 * there; the copy button puts the Chinese call text on the clipboard; the print card renders under
 * print media; the duty board changes a unit. Click → answer on screen is printed (measured, not
 * asserted); screenshots at 1440×900 and 390×844 for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot, waitForIdle } from './browser';

const POLL = { timeout: 60_000 };

const routeCount = (page: Page) =>
  page.evaluate(() => window.__map?.querySourceFeatures('fire-call-routes').length ?? 0);

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('fire call (Chromium)', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession();
    page = session.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  it('before a call the panel is the duty board', async () => {
    await page.locator('[data-tab="firecall"]').click();
    await page.locator('[data-testid="duty-board"] [data-unit]').first().waitFor(POLL);
    expect(await page.locator('[data-testid="duty-board"] [data-unit]').count()).toBeGreaterThan(10);
    await waitForIdle(page);
    await screenshot(page, '70-fire-call-duty-board');
  });

  it('search 舞阳县和丰医院, one click with the tool → ranked units, three routes, the water list', async () => {
    await page.locator('header input[type="search"]').fill('舞阳县和丰医院');
    const hit = page.locator('.hits li[data-kind="site"] button.hit').first();
    await hit.waitFor(POLL);
    await hit.click();
    await waitForIdle(page);
    await page.locator('[data-action="fire-call-pick"]').click();
    await expect.poll(() => page.locator('[data-action="fire-call-pick"]').getAttribute('aria-pressed')).toBe('true');
    const box = await page.locator('.map canvas').boundingBox();
    const site = await page.evaluate(() => {
      const map = window.__map;
      const f = map
        ?.queryRenderedFeatures({ layers: ['sites-circle'] })
        .find((x) => x.properties?.name === '舞阳县和丰医院');
      if (!map || !f || f.geometry.type !== 'Point') return null;
      const p = map.project(f.geometry.coordinates as [number, number]);
      return { x: p.x, y: p.y, id: f.id };
    });
    expect(site, 'the site is drawn after the search flew to it').not.toBeNull();
    const t0 = Date.now();
    await page.mouse.click((box?.x ?? 0) + (site?.x ?? 0), (box?.y ?? 0) + (site?.y ?? 0));
    await page.locator('[data-testid="fire-call-units"] tr[data-rank="1"]').waitFor(POLL);
    await page.locator('[data-testid="fire-call-water"] tr').first().waitFor(POLL);
    const onScreenMs = Date.now() - t0;
    expect(await page.locator('[data-testid="fire-call-scene"]').getAttribute('data-site')).toBe(String(site?.id));
    await expect.poll(() => routeCount(page), POLL).toBeGreaterThanOrEqual(3);
    const ranked = await page.locator('[data-testid="fire-call-units"] tr[data-rank]:not([data-rank=""])').count();
    expect(ranked).toBeGreaterThanOrEqual(3);
    const first = await page.locator('[data-testid="fire-call-units"] tr[data-rank="1"]').textContent();
    const serverMs = await page.locator('[data-testid="fire-call-timing"]').getAttribute('data-server-ms');
    console.log(
      `[fire-call e2e] first click → answer on screen ${onScreenMs} ms (server ${serverMs} ms); first due: ${(first ?? '').replace(/\s+/g, ' ')}`,
    );
    // warm: the same click again (the graph built, the search index held)
    for (let i = 0; i < 3; i++) {
      const before = await page.locator('[data-testid="fire-call-timing"]').getAttribute('data-answers');
      const t1 = Date.now();
      await page.mouse.click((box?.x ?? 0) + (site?.x ?? 0), (box?.y ?? 0) + (site?.y ?? 0));
      await expect
        .poll(() => page.locator('[data-testid="fire-call-timing"]').getAttribute('data-answers'), POLL)
        .not.toBe(before);
      const warm = Date.now() - t1;
      const inPage = await page.locator('[data-testid="fire-call-timing"]').getAttribute('data-screen-ms');
      const server = await page.locator('[data-testid="fire-call-timing"]').getAttribute('data-server-ms');
      console.log(
        `[fire-call e2e] warm click ${i + 1} → answer on screen ${inPage} ms in the page (${warm} ms seen by the test), server ${server} ms`,
      );
    }
    await page.keyboard.press('Escape');
    await waitForIdle(page);
    await screenshot(page, '71-fire-call-answer-1440');
  });

  it('copy puts the Chinese call text on the clipboard', async () => {
    await page.locator('[data-action="fire-call-copy"]').click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^警情：舞阳县和丰医院（.+）。首到：.+ 约\d+分\d+秒/);
    expect(text).toBe(await page.locator('[data-testid="fire-call-text"]').inputValue());
    console.log(`[fire-call e2e] copied: ${text}`);
  });

  it('the print card renders under print media (A4), with the map image', async () => {
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.locator('[data-action="fire-call-print"]').click();
    await expect.poll(() => page.locator('[data-testid="print-card"] img').count(), POLL).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="print-card"]').isVisible()).toBe(true);
    expect(await page.locator('aside .tabs').isVisible()).toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, '72-fire-call-print-a4');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('at 390×844 the answer reads in the bottom sheet', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-action="sheet"]').click();
    await waitForIdle(page);
    await screenshot(page, '73-fire-call-answer-390');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('the duty board: a unit set to 检修 leaves the ranking', async () => {
    const firstId = await page.locator('[data-testid="fire-call-units"] tr[data-rank="1"]').getAttribute('data-unit');
    await page.locator('[data-action="fire-call-clear"]').click();
    const select = page.locator(`[data-testid="duty-board"] li[data-unit="${firstId}"] select`);
    await select.waitFor(POLL);
    await select.selectOption('maintenance');
    await expect
      .poll(
        () => page.locator(`[data-testid="duty-board"] li[data-unit="${firstId}"]`).getAttribute('data-status'),
        POLL,
      )
      .toBe('maintenance');
    await page.locator('header input[type="search"]').fill('舞阳县和丰医院');
    await page.locator('.hits li[data-kind="site"] [data-action="search-call"]').first().click();
    await page.locator('[data-testid="fire-call-units"] tr[data-rank="1"]').waitFor(POLL);
    await expect
      .poll(() => page.locator('[data-testid="fire-call-units"] tr[data-rank="1"]').getAttribute('data-unit'), POLL)
      .not.toBe(firstId);
    expect(
      await page.locator(`[data-testid="fire-call-units"] tr[data-unit="${firstId}"]`).getAttribute('class'),
    ).toContain('greyed');
    await waitForIdle(page);
    await screenshot(page, '74-fire-call-after-maintenance');
  });

  it('站点覆盖 selects the units available now: the unit in 检修 is off, the others in service on', async () => {
    const off = await page.locator('[data-testid="duty-board"] li[data-status="maintenance"]').count();
    await page.locator('[data-tab="stations"]').click();
    await page.locator('[data-testid="unit-toggles"] li').first().waitFor(POLL);
    await page.locator('[data-action="units-available-now"]').click();
    const board = (await (await session.server.fetch('/api/units/duty')).json()) as {
      units: { unitId: number; available: boolean }[];
    };
    for (const d of board.units) {
      const box = page.locator(`[data-testid="unit-toggles"] li[data-unit="${d.unitId}"] input[type="checkbox"]`);
      if ((await box.count()) === 0) continue;
      await expect.poll(() => box.isChecked(), POLL).toBe(d.available);
    }
    expect(board.units.filter((d) => !d.available).length).toBeGreaterThan(off);
  });
});
