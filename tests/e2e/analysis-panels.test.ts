/**
 * Two analyses never draw over each other: opening an analysis panel (站点覆盖, 消火栓规划,
 * 隐患密度) puts the other panels' layers away; the layers tab leaves the map as it is.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot, waitForIdle } from './browser';

/** One body layer of each analysis panel's layer modules. */
const probes = {
  stations: 'station-coverage-fill',
  hydrants: 'hydrant-plan-circles',
  density: 'township-choropleth-fill',
} as const;
type Panel = keyof typeof probes;

const visibility = (page: Page) =>
  page.evaluate(
    (ids) =>
      Object.fromEntries(
        Object.entries(ids).map(([panel, id]) => [
          panel,
          window.__map?.getLayoutProperty(id, 'visibility') ?? 'visible',
        ]),
      ),
    probes,
  );
const only = (panel: Panel | null) =>
  Object.fromEntries(Object.keys(probes).map((p) => [p, p === panel ? 'visible' : 'none']));

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('analysis panels', () => {
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

  const open = async (panel: Panel, ready: string) => {
    await page.locator(`[data-tab="${panel}"]`).click();
    await page.locator(`[data-testid="${ready}"]`).waitFor({ timeout: 120_000 });
  };

  it('shows only the analysis of the panel opened last; the layers tab changes nothing', async () => {
    expect(await visibility(page)).toEqual(only(null));
    await open('stations', 'station-summary');
    await expect.poll(() => visibility(page)).toEqual(only('stations'));
    await open('hydrants', 'coverage-card');
    await expect.poll(() => visibility(page)).toEqual(only('hydrants'));
    await page.locator('[data-tab="layers"]').click();
    expect(await visibility(page)).toEqual(only('hydrants'));
    await open('density', 'county-card');
    await expect.poll(() => visibility(page)).toEqual(only('density'));
    await open('stations', 'station-summary');
    await expect.poll(() => visibility(page)).toEqual(only('stations'));
    await waitForIdle(page);
    await screenshot(page, '30-analysis-back-to-stations');
  });
});
