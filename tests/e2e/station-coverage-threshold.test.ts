/**
 * 站点覆盖 at the chosen threshold (issue 16) in a real browser: the threshold switch changes the
 * card to the API's figures at that threshold, the comparison follows it, a gaining site's row flies
 * to its symbol on the map, land with no road access is drawn neutral; screenshots at county and
 * street zoom, 1440×900 and 390×844.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read loosely in tests
type Json = any;

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('站点覆盖 at a threshold (Chromium)', () => {
  let session: AppSession;
  let guarded: GuardedPage;
  let page: Page;
  let lastCoverage = '';
  let county: { center: [number, number]; zoom: number };
  let station: [number, number];
  const api = async (path: string) => {
    const res = await session.server.fetch(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Json;
  };
  const headline = () => page.locator('[data-testid="station-summary"] [data-metric="headline"]');
  const headlineWithin = () => headline().locator('.value').getAttribute('data-within');
  const settle = async () => {
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
    await waitForIdle(page);
  };
  const shoot = async (name: string) => {
    await waitForIdle(page);
    await screenshot(page, name);
  };

  beforeAll(async () => {
    session = await openAppSession();
    ({ guarded, page } = session);
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith(`${session.server.url}/api/coverage/stations?`)) {
        // The panel's query without `parts=`: the whole answer the page drew from.
        const u = new URL(url);
        u.searchParams.delete('parts');
        lastCoverage = `${u.pathname}?${u.searchParams}`;
      }
    });
    const units = await api('/api/units');
    station = units.features.find((f: Json) => f.properties.code === 'ST-001').geometry.coordinates;
    await page.locator('[data-tab="stations"]').click();
    await page.locator('[data-testid="station-summary"]').waitFor({ timeout: 120_000 });
    await settle();
    county = await page.evaluate(() => {
      const map = window.__map;
      if (!map) throw new Error('no map');
      return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
    });
  }, 180_000);

  afterAll(async () => {
    await closeAppSession(session);
  });

  afterEach(() => expectNothingFailed(guarded));

  it('the headline is high-risk sites within the threshold; the switch to 10 min changes the card to the API’s figures at 600 s', async () => {
    const at5 = await api(lastCoverage);
    expect(new URL(lastCoverage, 'http://x').searchParams.get('threshold')).toBe('300');
    await expect.poll(headlineWithin).toBe(String(at5.summary.withinThreshold.highRiskWithin));
    expect(await headline().locator('dt').textContent()).toContain('5 分钟');
    expect(await headline().textContent()).toContain(
      `/ ${at5.summary.withinThreshold.highRiskTotal.toLocaleString('en-US')}`,
    );
    // Fields are their own class, not a failure: the no-road-access figure is there and neutral.
    const noRoad = page.locator('[data-metric="no-road"] .value');
    expect(await noRoad.getAttribute('data-km2')).toBe(String(at5.summary.noRoadAccessKm2));
    await shoot('30-coverage-county-1440');
    await page.evaluate((c) => window.__map?.jumpTo({ center: c, zoom: 15 }), station);
    await shoot('31-coverage-street-1440');
    await page.evaluate((v) => window.__map?.jumpTo(v), county);

    await page.locator('[data-threshold="600"]').click();
    await expect.poll(() => new URL(lastCoverage, 'http://x').searchParams.get('threshold')).toBe('600');
    await settle();
    const at10 = await api(lastCoverage);
    expect(at10.summary.withinThreshold.thresholdS).toBe(600);
    await expect.poll(headlineWithin).toBe(String(at10.summary.withinThreshold.highRiskWithin));
    expect(at10.summary.withinThreshold.highRiskWithin).toBeGreaterThan(at5.summary.withinThreshold.highRiskWithin);
    expect(await headline().locator('dt').textContent()).toContain('10 分钟');
    expect(await page.locator('[data-metric="area-within"] .value').getAttribute('data-km2')).toBe(
      String(at10.summary.withinThreshold.km2),
    );
    expect(await page.locator('[data-metric="hr-outside"] .value').textContent()).toContain(
      String(at10.highRiskOutside.length),
    );
    expect(await page.locator('[data-metric="hr-outside"] dt').textContent()).toContain('10 分钟');
  });

  it('二中队投勤 at 10 min compares at 600 s; a gaining site’s row flies to its symbol', async () => {
    const cmp = await api('/api/coverage/stations/compare?activate=built&threshold=600');
    await page.locator('[data-action="activate-built"]').click();
    const card = page.locator('[data-testid="comparison"][data-threshold-s="600"]');
    await card.waitFor({ timeout: 60_000 });
    expect(await card.locator('[data-row="hr-within"] [data-after]').getAttribute('data-after')).toBe(
      String(cmp.after.withinThreshold.highRiskWithin),
    );
    expect(await card.locator('[data-testid="gaining-title"]').textContent()).toContain('10 分钟');
    expect(cmp.highRiskGaining.length).toBeGreaterThan(0);
    const g = cmp.highRiskGaining[0];
    // The gaining sites are on the map as symbols.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const data = await window.__map
            ?.getSource<import('maplibre-gl').GeoJSONSource>('station-coverage-change-sites')
            ?.getData();
          return data?.type === 'FeatureCollection' ? data.features.map((f) => f.properties?.siteId) : [];
        }),
      )
      .toEqual([...cmp.highRiskGaining, ...cmp.highRiskLosing].map((x: Json) => x.siteId));
    await card.locator(`[data-testid="gaining"] li[data-site="${g.siteId}"] [data-action="fly-site"]`).click();
    await expect
      .poll(
        async () => {
          const c = await page.evaluate(() => window.__map?.getCenter().toArray() ?? [0, 0]);
          return Math.hypot((c[0] as number) - g.lon, (c[1] as number) - g.lat) < 0.002;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await waitForIdle(page);
    // Its symbol is drawn where the map now looks.
    const drawn = await page.evaluate(
      ({ lon, lat }) => {
        const map = window.__map;
        if (!map) return [];
        const p = map.project([lon, lat]);
        return map
          .queryRenderedFeatures([
            [p.x - 12, p.y - 12],
            [p.x + 12, p.y + 12],
          ])
          .filter((f) => f.layer.id === 'station-coverage-change-site')
          .map((f) => f.properties?.siteId);
      },
      { lon: g.lon, lat: g.lat },
    );
    expect(drawn).toContain(g.siteId);
    await page.locator('.maplibregl-popup-close-button').click();
    await shoot('32-coverage-compare-site');
    await page.evaluate((v) => window.__map?.jumpTo(v), county);
    await card.scrollIntoViewIfNeeded();
    await shoot('33-coverage-compare-county');
  });

  it('split mode: whole districts in graph colours, the threshold outlined', async () => {
    await page.locator('[data-action="clear-comparison"]').click();
    await page.locator('[data-threshold="300"]').click();
    await page.locator('[data-mode="split"]').click();
    await expect.poll(() => new URL(lastCoverage, 'http://x').searchParams.get('mode')).toBe('split');
    await settle();
    const body = await api(lastCoverage);
    expect(await page.locator('[data-testid="station-legend"] li[data-district]').count()).toBe(
      body.districts.features.length,
    );
    // the fly-to showed the sites again (atlas.focus): hide them for the picture
    await page.locator('[data-tab="layers"]').click();
    await page.locator('[data-layer="sites"] input[type="checkbox"]').uncheck();
    await page.locator('[data-tab="stations"]').click();
    await page.locator('.stations h2').scrollIntoViewIfNeeded();
    await shoot('34-coverage-split-county');
    await page.locator('[data-mode="dissolve"]').click();
    await settle();
  });

  it('on a phone (390×844): county and street zoom', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate((v) => window.__map?.jumpTo(v), county);
    await settle();
    await shoot('35-coverage-county-390');
    await page.evaluate((c) => window.__map?.jumpTo({ center: c, zoom: 15 }), station);
    await shoot('36-coverage-street-390');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
