/**
 * English complete (issue 10 §9): with the English switch on, no CJK character in the UI chrome
 * of any panel — data (place, unit, site and road names, the dataset's name) is exempt and
 * marked so by a `data-data` attribute on its element.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PanelId } from '../../web/state/panels';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot, waitForIdle } from './browser';
import { panelHeadline } from './panel-headlines';

const ready = panelHeadline;

/** Visible text outside `[data-data]` that holds CJK characters, with where it is. */
const cjkChrome = (page: Page) =>
  page.evaluate(() => {
    const cjk = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
    const found: string[] = [];
    const roots = [document.querySelector('header'), document.querySelector('aside'), document.querySelector('footer')];
    for (const root of roots) {
      if (!root) continue;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const el = node.parentElement;
        if (!el || !cjk.test(text) || el.closest('[data-data]') || el.closest('[hidden]')) continue;
        if (el.closest('[lang="zh-CN"]')) continue; // the language switch names Chinese in Chinese
        if (!el.checkVisibility()) continue;
        found.push(
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}: ${text.trim().slice(0, 60)}`,
        );
      }
      for (const el of root.querySelectorAll<HTMLElement>('[title],[placeholder],[aria-label]')) {
        if (el.closest('[data-data]') || el.closest('[hidden]') || el.closest('[lang="zh-CN"]')) continue;
        for (const attr of ['title', 'placeholder', 'aria-label']) {
          const v = el.getAttribute(attr);
          if (v && cjk.test(v)) found.push(`${el.tagName.toLowerCase()}[${attr}]: ${v.slice(0, 60)}`);
        }
      }
    }
    return found;
  });

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('English UI chrome (Chromium)', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession();
    page = session.page;
    await page.locator('.lang button[lang="en"]').click();
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  it.each(Object.keys(panelHeadline) as PanelId[])('%s: no CJK outside data', async (panel) => {
    await page.locator(`[data-tab="${panel}"]`).click();
    await page.locator(ready[panel]).first().waitFor({ timeout: 120_000 });
    await page.locator('aside details:not([open]) > summary').evaluateAll((els) => {
      for (const el of els) (el as HTMLElement).click();
    });
    expect(await cjkChrome(page)).toEqual([]);
    expect(await page.title()).toBe('Fire Atlas');
    await waitForIdle(page);
    await screenshot(page, `50-english-${panel}`);
  });
});
