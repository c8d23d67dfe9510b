/**
 * Switching to a tile basemap and back swaps only the basemap's sources and layers: app
 * layers keep their order, the township filter and hidden legend classes (STYLE.md §11).
 * OSM tiles are answered locally by the test, so nothing leaves the machine.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

const xinan = '411121104';
// a 1×1 light-grey PNG standing in for every OSM tile
const tile = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC',
  'base64',
);

const layerIds = (page: Page) => page.evaluate(() => window.__map?.getStyle().layers.map((l) => l.id) ?? []);

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('basemap switch', () => {
  let session: AppSession;
  let guarded: GuardedPage;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession((p) =>
      p.route('https://tile.openstreetmap.org/**', (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', body: tile }),
      ),
    );
    ({ guarded, page } = session);
  });

  afterAll(async () => {
    await closeAppSession(session);
  });

  it('keeps app layers, their order and state across OSM and back', async () => {
    const offline = await layerIds(page);
    await page.selectOption('select[name="township"]', xinan);
    await page.locator('.layer[data-layer="sites"] button[data-value="nine_small"]').click();

    await page.selectOption('select[name="basemap"]', 'osm');
    await waitForIdle(page);
    await screenshot(page, '10-basemap-osm');
    const withOsm = await layerIds(page);
    expect(withOsm.filter((id) => id !== 'basemap-osm')).toEqual(offline);
    expect(withOsm.indexOf('basemap-osm')).toBe(withOsm.indexOf('counties-line') - 1);
    const sites = await page.evaluate(
      () => window.__map?.queryRenderedFeatures({ layers: ['sites-circle'] }).map((f) => f.properties) ?? [],
    );
    expect(sites.length).toBeGreaterThan(0);
    expect(new Set(sites.map((p) => p.townshipCode))).toEqual(new Set([xinan]));
    expect(sites.some((p) => p.category === 'nine_small')).toBe(false);

    await page.selectOption('select[name="basemap"]', 'offline');
    await waitForIdle(page);
    expect(await layerIds(page)).toEqual(offline);
    expect(await page.evaluate(() => window.__map?.getSource('basemap-osm'))).toBeUndefined();

    expect(guarded.errors).toEqual([]);
    expect(guarded.failed).toEqual([]);
    expect(guarded.foreign.every((url) => url.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
  });
});
