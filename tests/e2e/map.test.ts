/**
 * The commander's map in a real browser (issue 3): every layer from the API, toggles, the
 * township filter, a hydrant popup, the language switch and search — asserted on map state
 * (STYLE.md §14), with a screenshot per state in test-output/e2e/ for a person to look at.
 */
import type { FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

const xinan = '411121104'; // 辛安镇

/** Features in a source's data, as MapLibre holds it. */
function sourceDataCount(page: Page, source: string): Promise<number> {
  return page.evaluate(async (s) => {
    const data = await window.__map?.getSource<import('maplibre-gl').GeoJSONSource>(s)?.getData();
    return data?.type === 'FeatureCollection' ? data.features.length : -1;
  }, source);
}

/**
 * Unique feature ids in a source's loaded tiles (a feature near a tile edge is in several).
 * Only points: tiling drops lines and polygons too small to see at the current zoom.
 */
function sourceCount(page: Page, source: string): Promise<number> {
  return page.evaluate((s) => {
    const ids = window.__map?.querySourceFeatures(s).map((f) => f.id);
    return new Set(ids).size;
  }, source);
}

/** Rendered features of a style layer in the current view. */
function rendered(
  page: Page,
  layer: string,
): Promise<{ id: string | number | undefined; props: Record<string, unknown> }[]> {
  return page.evaluate(
    (l) => (window.__map?.queryRenderedFeatures({ layers: [l] }) ?? []).map((f) => ({ id: f.id, props: f.properties })),
    layer,
  );
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('commander map (Chromium)', () => {
  let session: AppSession;
  let server: AppSession['server'];
  let guarded: GuardedPage;
  let page: Page;
  const api = async (path: string) => (await (await server.fetch(`/api/${path}`)).json()) as FeatureCollection;

  beforeAll(async () => {
    session = await openAppSession();
    ({ server, guarded, page } = session);
  });

  afterAll(async () => {
    await closeAppSession(session);
  });

  afterEach(() => expectNothingFailed(guarded));

  it('opens on the county in Chinese with the demo-data notice', async () => {
    await screenshot(page, '01-county');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.locator('[data-testid="demo-data"]').textContent()).toBe('演示数据');
    expect(await page.locator('.layers h2').textContent()).toBe('图层');
    const labels = await rendered(page, 'townships-label');
    expect(labels.length).toBeGreaterThan(5);
  });

  it('shows every layer with the feature count the API serves', async () => {
    for (const layer of ['counties', 'townships', 'villages', 'roads', 'parks', 'units', 'hydrants', 'sites']) {
      const expected = (await api(layer)).features.length;
      expect(expected, layer).toBeGreaterThan(0);
      expect(await sourceDataCount(page, layer), layer).toBe(expected);
      if (['villages', 'units', 'hydrants', 'sites'].includes(layer)) {
        expect(await sourceCount(page, layer), layer).toBe(expected);
      }
      const panel = page.locator(`.layer[data-layer="${layer}"] .toggle .count`);
      expect(await panel.getAttribute('data-count'), layer).toBe(String(expected));
    }
  });

  it('loads the hazard layer when it is switched on', async () => {
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('hazards-circle', 'visibility'))).toBe('none');
    await page.locator('.layer[data-layer="hazards"] .toggle input').check();
    await page.locator('.layer[data-layer="hazards"] .toggle .count[data-count]').waitFor({ timeout: 60_000 });
    await waitForIdle(page);
    const expected = (await api('hazards')).features.length;
    expect(await sourceDataCount(page, 'hazards')).toBe(expected);
    expect(await sourceCount(page, 'hazards')).toBe(expected);
    await screenshot(page, '02-hazards');
    await page.locator('.layer[data-layer="hazards"] .toggle input').uncheck();
  });

  it('hides a layer with its toggle', async () => {
    const toggle = page.locator('.layer[data-layer="hydrants"] .toggle input');
    await toggle.uncheck();
    await waitForIdle(page);
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('hydrants-circle', 'visibility'))).toBe('none');
    expect(await rendered(page, 'hydrants-circle')).toEqual([]);
    await screenshot(page, '03-hydrants-hidden');
    await toggle.check();
    await waitForIdle(page);
    expect((await rendered(page, 'hydrants-circle')).length).toBeGreaterThan(0);
  });

  it('hides a legend class through the style filter', async () => {
    const ok = page.locator('.layer[data-layer="hydrants"] button[data-value="ok"]');
    await ok.click();
    await waitForIdle(page);
    const statuses = new Set((await rendered(page, 'hydrants-circle')).map((f) => f.props.status));
    expect(statuses.has('ok')).toBe(false);
    await ok.click();
    await waitForIdle(page);
  });

  it('filters every layer to 辛安镇 and flies there', async () => {
    const before = await rendered(page, 'hydrants-circle');
    await page.selectOption('select[name="township"]', xinan);
    await waitForIdle(page);
    await screenshot(page, '04-township-xinan');
    for (const layer of ['hydrants-circle', 'units-icon', 'sites-circle', 'villages-dot']) {
      const features = await rendered(page, layer);
      expect(features.length, layer).toBeGreaterThan(0);
      expect(new Set(features.map((f) => String(f.props.townshipCode))), layer).toEqual(new Set([xinan]));
    }
    expect((await rendered(page, 'hydrants-circle')).length).toBeLessThan(before.length);
    // The panel's counts agree with the server's own township filter (an independent oracle).
    for (const layer of ['units', 'hydrants', 'sites', 'villages']) {
      const expected = (await api(`${layer}?township=${xinan}`)).features.length;
      const panel = page.locator(`.layer[data-layer="${layer}"] .toggle .count`);
      expect(await panel.getAttribute('data-count'), layer).toBe(String(expected));
    }
  });

  it('highlights a hydrant on hover and opens its details in a popup', async () => {
    const target = await page.evaluate(() => {
      const map = window.__map;
      if (!map) return null;
      // a hydrant that is the top-most interactive feature at its own pixel
      for (const f of map.queryRenderedFeatures({ layers: ['hydrants-circle'] })) {
        if (f.geometry.type !== 'Point') continue;
        const p = map.project(f.geometry.coordinates as [number, number]);
        const top = map.queryRenderedFeatures(p, { layers: ['units-icon', 'hydrants-circle', 'sites-circle'] })[0];
        if (top?.layer.id === 'hydrants-circle' && top.id === f.id) return { id: f.id, x: p.x, y: p.y };
      }
      return null;
    });
    expect(target).not.toBeNull();
    if (!target) return;
    const box = await page.locator('.map canvas').boundingBox();
    if (!box) throw new Error('no map canvas');
    await page.mouse.move(box.x + target.x, box.y + target.y);
    const hover = (id: string | number | undefined) =>
      page.evaluate((i) => window.__map?.getFeatureState({ source: 'hydrants', id: i }).hover, id);
    await expect.poll(() => hover(target.id)).toBe(true);
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const popup = page.locator('.maplibregl-popup .popup[data-layer="hydrants"]');
    await popup.waitFor();
    const hydrant = (await (await server.fetch(`/api/hydrants/${target.id}`)).json()) as {
      properties: { code: string; lastInspectedOn: string | null };
    };
    const text = await popup.textContent();
    expect(text).toContain(hydrant.properties.code);
    for (const field of ['编码', '类型', '状态', '流量', '压力', '安装日期', '最近检查']) expect(text).toContain(field);
    if (hydrant.properties.lastInspectedOn) expect(text).toContain(hydrant.properties.lastInspectedOn);
    await screenshot(page, '05-hydrant-popup');
    await page.locator('.maplibregl-popup-close-button').click();
  });

  it('clears the township filter', async () => {
    await page.locator('.filters .clear').click();
    await waitForIdle(page);
    const townships = new Set((await rendered(page, 'hydrants-circle')).map((f) => f.props.townshipCode));
    expect(townships.size).toBeGreaterThan(1);
  });

  it('finds a township by its Chinese name and a site by code', async () => {
    const search = page.locator('.search input');
    await search.fill('辛安');
    await page.locator('.search .hits button', { hasText: '辛安镇' }).first().click();
    await page.locator('.maplibregl-popup .popup[data-layer="townships"]').waitFor();
    await waitForIdle(page);
    await screenshot(page, '06-search-township');
    const site = (await api('sites?limit=1')).features[0]?.properties as { code: string; name: string };
    await search.fill(site.code);
    await page.locator('.search .hits button', { hasText: site.code }).first().click();
    const popup = page.locator('.maplibregl-popup .popup[data-layer="sites"]');
    await popup.waitFor();
    expect(await popup.textContent()).toContain(site.name);
    await waitForIdle(page);
    await screenshot(page, '07-search-site-street-zoom');
    await page.locator('.maplibregl-popup-close-button').click();
  });

  it('switches the panel to English and back', async () => {
    await page.locator('.lang button[lang="en"]').click();
    expect(await page.locator('.layers h2').textContent()).toBe('Layers');
    expect(await page.locator('.layer[data-layer="hydrants"] .title').textContent()).toBe('Hydrants');
    expect(await page.locator('[data-testid="demo-data"]').textContent()).toBe('DEMO DATA');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, '08-english');
    await page.locator('.lang button[lang="zh-CN"]').click();
    expect(await page.locator('.layers h2').textContent()).toBe('图层');
  });
});
