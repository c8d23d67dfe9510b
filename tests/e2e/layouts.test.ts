/**
 * Layouts (issue 10 §5): at 390×844 the panel is a bottom sheet (collapsed / half / full), the
 * map keeps ≥ 60 % of the height when it is collapsed, nothing scrolls sideways and the status
 * bar is one line; at 1366×768 the sidebar, and each panel's headline figures above the fold.
 * Screenshots of every panel at both sizes go to the system's temporary directory (never
 * committed) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PanelId } from '../../web/state/panels';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, waitForIdle } from './browser';
import { panelHeadline } from './panel-headlines';

const shots = join(tmpdir(), 'fireatlas-layouts');
const POLL = { timeout: 120_000 };

const panelIds: PanelId[] = ['layers', 'firecall', 'stations', 'hydrants', 'density'];

const geometry = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector('.map canvas')?.getBoundingClientRect();
    const footer = document.querySelector('footer.status') as HTMLElement | null;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      canvasHeight: canvas?.height ?? 0,
      /** Distinct rows the status bar's items sit on (1 = one line) and whether any item wrapped inside. */
      footerRows: (() => {
        // items are centred on the bar: one line = every item's middle within a few pixels
        const mids = [...(footer?.children ?? [])].map((c) => {
          const r = c.getBoundingClientRect();
          return r.top + r.height / 2;
        });
        return mids.length && Math.max(...mids) - Math.min(...mids) <= 3 ? 1 : mids.length;
      })(),
      footerWrapped: [...(footer?.children ?? [])].some((c) => {
        const line = Number.parseFloat(getComputedStyle(c).fontSize) * 1.6;
        return (c.textContent ?? '').trim() !== '' && c.getBoundingClientRect().height > line * 1.5;
      }),
    };
  });

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('layouts (Chromium)', () => {
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

  it('1366×768: sidebar, no sideways scroll, each panel’s headline figures above the fold', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const panel of panelIds) {
      await page.locator(`[data-tab="${panel}"]`).click();
      const figure = page.locator(panelHeadline[panel]).first();
      await figure.waitFor(POLL);
      await page.locator('aside .body').evaluate((el) => el.scrollTo(0, 0));
      const g = await geometry(page);
      expect(g.scrollWidth, panel).toBeLessThanOrEqual(g.innerWidth);
      expect(g.canvasHeight / g.innerHeight, panel).toBeGreaterThanOrEqual(0.6);
      const box = await figure.boundingBox();
      expect(box, panel).not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0), panel).toBeLessThanOrEqual(g.innerHeight);
      await waitForIdle(page);
      await shot(page, `1366-${panel}`);
    }
  });

  it('390×844: a bottom sheet — collapsed keeps ≥ 60 % for the map; half and full; no sideways scroll; one-line status bar', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-tab="layers"]').click();
    // the tab opened the sheet at half height; the handle goes on to full, then collapsed
    await expect.poll(() => page.locator('aside').getAttribute('data-sheet')).toBe('half');
    await page.locator('[data-action="sheet"]').click();
    await expect.poll(() => page.locator('aside').getAttribute('data-sheet')).toBe('full');
    await page.locator('[data-action="sheet"]').click();
    await expect.poll(() => page.locator('aside').getAttribute('data-sheet')).toBe('collapsed');
    await waitForIdle(page);
    let g = await geometry(page);
    expect(g.scrollWidth).toBeLessThanOrEqual(g.innerWidth);
    expect(g.canvasHeight / g.innerHeight).toBeGreaterThanOrEqual(0.6);
    expect(g.footerRows).toBe(1);
    expect(g.footerWrapped).toBe(false);
    expect(await page.locator('aside .body').isVisible()).toBe(false);
    await shot(page, '390-collapsed');

    for (const panel of panelIds) {
      await page.locator(`[data-tab="${panel}"]`).click();
      await expect.poll(() => page.locator('aside').getAttribute('data-sheet')).not.toBe('collapsed');
      await page.locator(panelHeadline[panel]).first().waitFor(POLL);
      g = await geometry(page);
      expect(g.scrollWidth, panel).toBeLessThanOrEqual(g.innerWidth);
      expect(g.footerRows, panel).toBe(1);
      expect(g.footerWrapped, panel).toBe(false);
      // the panel's content does not overflow the sheet sideways either
      const overflow = await page.locator('aside .body').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, panel).toBeLessThanOrEqual(0);
      await waitForIdle(page);
      await shot(page, `390-${panel}-${await page.locator('aside').getAttribute('data-sheet')}`);
    }
    await page.locator('[data-action="sheet"]').click();
    await expect.poll(() => page.locator('aside').getAttribute('data-sheet')).toBe('full');
    await shot(page, '390-density-full');
    await page.locator('[data-action="sheet"]').click();
    await expect.poll(() => page.locator('aside').getAttribute('data-sheet')).toBe('collapsed');
    // MapLibre resizes its canvas on the next frame after the container shrinks back.
    await expect
      .poll(async () => {
        const now = await geometry(page);
        return now.canvasHeight / now.innerHeight;
      })
      .toBeGreaterThanOrEqual(0.6);
    await shot(page, '390-density-collapsed');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
