/**
 * A second county in the browser (issue 12 §5): the synthetic county of tests/helpers/second-county.ts
 * imported through the API, the page reloaded → the layers panel offers a county picker; choosing
 * the second county frames it on the map and narrows the township filter to its townships, and the
 * 站点覆盖 panel then asks for `county=` and draws its two stations' coverage there — with
 * screenshots at 1440×900 and 390×844 for a person to look at.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uploadForm } from '../helpers/import-files';
import { ADCODE, COUNTY_NAME, secondCountyImports, UNITS, X0, Y0 } from '../helpers/second-county';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle, waitForMapReady } from './browser';

const POLL = { timeout: 60_000 };

const mapView = (page: Page) =>
  page.evaluate(() => {
    const map = window.__map;
    if (!map) throw new Error('no map');
    const b = map.getBounds();
    return { west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth() };
  });

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('第二个县 (Chromium)', () => {
  let session: AppSession;
  let guarded: GuardedPage;
  let page: Page;
  const coverageRequests: string[] = [];

  beforeAll(async () => {
    session = await openAppSession();
    ({ guarded, page } = session);
    // The server's database is this file's own copy of the template: the imports go with it.
    for (const f of secondCountyImports()) {
      const res = await session.server.fetch(f.path, { method: 'POST', body: uploadForm(f.name, f.bytes) });
      expect(res.status, `${f.path}: ${(await res.text()).slice(0, 300)}`).toBe(201);
    }
    page.on('request', (req: Request) => {
      if (req.url().includes('/api/coverage/stations?')) coverageRequests.push(req.url());
    });
    await page.reload();
    await waitForMapReady(page);
  }, 180_000);
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(guarded));

  it('offers the county picker; choosing the second county frames it and filters its townships', async () => {
    const picker = page.locator('.filters select[name="county"]');
    await picker.waitFor(POLL);
    expect(await picker.locator('option').allTextContents()).toEqual(['舞阳县', COUNTY_NAME]);
    await picker.selectOption(ADCODE);
    await expect
      .poll(async () => {
        const v = await mapView(page);
        return v.west <= X0 && v.east >= X0 + 0.09 && v.south <= Y0 && v.north >= Y0 + 0.06 && v.east - v.west < 1;
      }, POLL)
      .toBe(true);
    expect(await page.locator('.filters select[name="township"] option').allTextContents()).toEqual([
      '全县',
      `${COUNTY_NAME}0镇`,
      `${COUNTY_NAME}1镇`,
      `${COUNTY_NAME}2镇`,
    ]);
    expect(await page.locator('header h1').textContent()).toContain(COUNTY_NAME);
    await waitForIdle(page);
    await screenshot(page, 'second-county-picked-1440');
  });

  it("runs station coverage on the chosen county: county= in the request, its two stations' bands on the map", async () => {
    await page.locator('[data-tab="stations"]').click();
    await page.locator('[data-testid="station-summary"]').waitFor(POLL);
    await expect
      .poll(() => coverageRequests.some((u) => new URL(u).searchParams.get('county') === ADCODE), POLL)
      .toBe(true);
    const units = page.locator('.stations [data-unit]');
    await expect.poll(() => units.count(), POLL).toBe(UNITS.length);
    // the site table asks for the same county: its rows are the county's sites, no error
    const table = page.locator('[data-testid="sites-table"] tbody tr[data-site]');
    await expect.poll(() => table.count(), POLL).toBeGreaterThan(0);
    expect(await table.first().textContent()).toContain(COUNTY_NAME);
    expect(await page.locator('.stations .error-note').count()).toBe(0);
    const bands = await page.evaluate(async () => {
      const data = await window.__map?.getSource<import('maplibre-gl').GeoJSONSource>('station-coverage')?.getData();
      if (data?.type !== 'FeatureCollection') return [];
      // the first longitude of each band drawn (an empty band has none)
      return data.features.flatMap((f) => JSON.stringify(f.geometry).match(/-?\d+\.\d+/)?.[0] ?? []).map(Number);
    });
    expect(bands.length).toBeGreaterThan(0);
    // every band drawn lies in the second county, not in Wuyang (113.6°E)
    for (const x of bands) expect(Math.abs(x - (X0 + 0.045))).toBeLessThan(0.1);
    await waitForIdle(page);
    await screenshot(page, 'second-county-coverage-1440');
  });

  it('fits a phone screen (390×844)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForIdle(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'second-county-coverage-390');
  });

  it('imports into the chosen county by default (the 导入到 picker follows it)', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('[data-tab="import"]').click();
    await page.locator('.import [data-layer="hydrants"]').click();
    const into = page.locator('.import select[name="county"]');
    await into.waitFor(POLL);
    expect(await into.inputValue()).toBe(ADCODE);
  });
});
