/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with guards that
 * record page errors and every request leaving the test server. Shared by the e2e tests and
 * the map-render benchmark.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { root } from '../helpers/template';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const screenshotDir = join(root, 'test-output/e2e');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface GuardedPage {
  page: Page;
  /** Uncaught page errors (`pageerror`). */
  errors: string[];
  /** Requests to any origin other than the app's (data: and blob: URLs are local). */
  foreign: string[];
  /** Failed requests to the app's own origin. */
  failed: string[];
}

export async function openGuardedPage(browser: Browser, origin: string): Promise<GuardedPage> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const guarded: GuardedPage = { page, errors: [], foreign: [], failed: [] };
  page.on('pageerror', (err) => guarded.errors.push(err.message));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) guarded.foreign.push(url);
  });
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(origin)) guarded.failed.push(`${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  return guarded;
}

/** Waits for the app's first complete render: start layers loaded and the map idle. */
export async function waitForMapReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('.map[data-ready="true"]', { timeout });
}

/** Waits until the map has drawn everything it is going to draw for the current state. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map;
        if (!map) throw new Error('window.__map is not exposed (open the page with ?test)');
        if (map.loaded() && !map.isMoving()) {
          map.once('idle', () => resolve());
          map.triggerRepaint();
        } else {
          map.once('idle', () => resolve());
        }
      }),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
