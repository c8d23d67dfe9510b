/**
 * Every panel's text can be read: each visible piece of text has a contrast of at least 3:1
 * (WCAG 2.x, the floor it sets for large text and interface components) against the colours
 * behind it, composed up the page. Found by a person looking: the layer legend's class names
 * were white on white (a shared rule for pressed buttons reached the legend's toggle rows).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PanelId } from '../../web/state/panels';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium } from './browser';
import { panelHeadline } from './panel-headlines';

const MIN_CONTRAST = 3;

/** Text elements on the page (header, sidebar, status bar, map controls) whose contrast is under `min`: "text — ratio (colour on background)". */
const unreadable = (page: Page, min: number) =>
  page.locator('body').evaluate((root, min) => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [m[0] ?? 0, m[1] ?? 0, m[2] ?? 0, m.length > 3 ? (m[3] ?? 1) : 1];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3] + under[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const background = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
      return layers.reduceRight<Rgba>((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !(n.textContent ?? '').trim()) continue;
      seen.add(el);
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility !== 'visible') continue;
      if (el.closest('[disabled], option, select')) continue;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < min)
        found.push(
          `${(n.textContent ?? '').trim().slice(0, 24)} — ${ratio.toFixed(2)} (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`,
        );
    }
    return found;
  }, min);

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('readable text (Chromium)', () => {
  let session: AppSession;
  beforeAll(async () => {
    session = await openAppSession();
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  it.each(Object.keys(panelHeadline) as PanelId[])(
    'panel %s: every text ≥ 3:1 against its background',
    async (panel) => {
      const { page } = session;
      await page.locator(`[data-tab="${panel}"]`).click();
      await page.locator(panelHeadline[panel]).first().waitFor({ timeout: 120_000 });
      expect(await unreadable(page, MIN_CONTRAST)).toEqual([]);
    },
  );
});
