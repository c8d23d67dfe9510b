/**
 * The 隐患密度 panel (issue 6) in a real browser: the report window's county card, the township
 * choropleth and its legend, the ranking sorted by the metric, the heat map toggle — asserted on
 * map state against the server's own answers, with a screenshot for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

interface Stats {
  townships: {
    code: string;
    value: number | null;
    rankChange: number;
    classes: { quantile: number | null; natural: number | null };
  }[];
  county: { current: { found: number; rectified: number } };
}

/** Features in a source's data, as MapLibre holds it. */
function sourceData(page: Page, source: string): Promise<{ id: unknown; props: Record<string, unknown> }[]> {
  return page.evaluate(async (s) => {
    const data = await window.__map?.getSource<import('maplibre-gl').GeoJSONSource>(s)?.getData();
    return data?.type === 'FeatureCollection'
      ? data.features.map((f) => ({ id: f.id, props: (f.properties ?? {}) as Record<string, unknown> }))
      : [];
  }, source);
}

async function rankingRows(
  page: Page,
): Promise<{ code: string; value: number | null; rankChange: string; arrow: string }[]> {
  return page.locator('[data-testid="ranking"] tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const v = r.getAttribute('data-value');
      return {
        code: r.getAttribute('data-code') ?? '',
        value: v === '' || v === null ? null : Number(v),
        rankChange: r.getAttribute('data-rank-change') ?? '',
        arrow: r.querySelector('.move')?.textContent?.trim() ?? '',
      };
    }),
  );
}

function expectSortedDescending(values: (number | null)[]): void {
  const nums = values.map((v) => v ?? Number.NEGATIVE_INFINITY);
  for (let i = 1; i < nums.length; i++) expect(nums[i - 1]).toBeGreaterThanOrEqual(nums[i] as number);
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('隐患密度 panel (Chromium)', () => {
  let session: AppSession;
  let server: AppSession['server'];
  let guarded: GuardedPage;
  let page: Page;
  const stats = async (query: string) => (await (await server.fetch(`/api/stats/townships?${query}`)).json()) as Stats;

  beforeAll(async () => {
    session = await openAppSession();
    ({ server, guarded, page } = session);
  });

  afterAll(async () => {
    await closeAppSession(session);
  });

  afterEach(() => expectNothingFailed(guarded));

  it('opens the panel on this week of the data (as-of 2023-12-31), not of today', async () => {
    await page.locator('[data-tab="density"]').click();
    await page.locator('[data-testid="county-card"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.density h2').textContent()).toBe('隐患密度');
    await expect
      .poll(() => page.locator('[data-testid="window-range"]').textContent())
      .toContain('2023-12-25 至 2023-12-31');
  });

  it('shows the report window: the county card has the report’s 19,591 hazards rectified and its enforcement', async () => {
    await page.locator('[data-preset="report"]').click();
    await expect
      .poll(() => page.locator('[data-testid="window-range"]').textContent())
      .toContain('2023-01-01 至 2023-07-24');
    // 发现并督促整改火灾隐患19591处 (DOMAIN.md): rectified in the window; enforcement 16 / 7 / 7 / 1 / 99,900 yuan
    const card = (metric: string) => page.locator(`[data-testid="county-card"] [data-metric="${metric}"] .value`);
    await expect.poll(() => card('rectified').textContent()).toBe('19,591');
    const expected = await stats('from=2023-01-01&to=2023-07-24&metric=found');
    expect(await card('found').textContent()).toBe(expected.county.current.found.toLocaleString('en-US'));
    expect(await card('fines').textContent()).toBe('16');
    expect(await card('fineYuan').textContent()).toBe('99,900');
    expect(await card('seals').textContent()).toBe('7');
    expect(await card('threeStops').textContent()).toBe('7');
    expect(await card('detentions').textContent()).toBe('1');
  });

  it('colours the 14 townships by the server’s classes, with a legend', async () => {
    await waitForIdle(page);
    expect(await page.evaluate(() => window.__map?.getLayer('township-choropleth-fill')?.type)).toBe('fill');
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('township-choropleth-fill', 'visibility'))).toBe(
      'visible',
    );
    const expected = await stats('from=2023-01-01&to=2023-07-24&metric=found');
    await expect.poll(async () => (await sourceData(page, 'township-choropleth')).length).toBe(14);
    const features = await sourceData(page, 'township-choropleth');
    const classOf = new Map(expected.townships.map((t) => [t.code, t.classes.quantile ?? -1]));
    for (const f of features) expect(f.props.class, String(f.props.code)).toBe(classOf.get(String(f.props.code)));
    const rendered = await page.evaluate(
      () =>
        new Set(window.__map?.queryRenderedFeatures({ layers: ['township-choropleth-fill'] }).map((f) => f.id)).size,
    );
    expect(rendered).toBe(14);
    const legend = page.locator('[data-testid="density-legend"] li');
    expect(await legend.count()).toBeGreaterThanOrEqual(2);
    // natural breaks: the classes follow the server's other set
    await page.locator('[data-breaks="natural"]').click();
    const natural = new Map(expected.townships.map((t) => [t.code, t.classes.natural ?? -1]));
    await expect
      .poll(async () =>
        (await sourceData(page, 'township-choropleth')).every(
          (f) => f.props.class === natural.get(String(f.props.code)),
        ),
      )
      .toBe(true);
    await page.locator('[data-breaks="quantile"]').click();
  });

  it('ranks the 14 townships by the metric and re-sorts when the metric changes', async () => {
    const found = await rankingRows(page);
    expect(found).toHaveLength(14);
    expectSortedDescending(found.map((r) => r.value));
    const expected = await stats('from=2023-01-01&to=2023-07-24&metric=found');
    expect(found.map((r) => r.code)).toEqual(expected.townships.map((t) => t.code));
    // the half-year before the report has no data: no rank change is claimed
    expect(new Set(found.map((r) => r.arrow))).toEqual(new Set(['–']));

    await page.selectOption('select[name="metric"]', 'foundPerKm2');
    await page.locator('[data-testid="ranking"][data-metric="foundPerKm2"]').waitFor();
    const perKm2 = await rankingRows(page);
    expect(perKm2).toHaveLength(14);
    expectSortedDescending(perKm2.map((r) => r.value));
    const expectedKm2 = await stats('from=2023-01-01&to=2023-07-24&metric=foundPerKm2');
    expect(perKm2.map((r) => r.code)).toEqual(expectedKm2.townships.map((t) => t.code));
    expect(perKm2.map((r) => r.code)).not.toEqual(found.map((r) => r.code));
    const xlsx = await page.locator('[data-export="xlsx"]').getAttribute('href');
    expect(xlsx).toBe('/api/stats/townships.xlsx?from=2023-01-01&to=2023-07-24&metric=foundPerKm2');
    expect((await server.fetch(`${xlsx}`)).status).toBe(200);
  });

  it('toggles the heat map: all hazards, open only, off', async () => {
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('hazard-heat', 'visibility'))).toBe('none');
    await page.locator('[data-heat="all"]').click();
    await page.locator('[data-testid="heat-total"]').waitFor();
    await waitForIdle(page);
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('hazard-heat', 'visibility'))).toBe('visible');
    const heat = async (state: string) =>
      (
        (await (await server.fetch(`/api/hazards/heat?state=${state}&from=2023-01-01&to=2023-07-24`)).json()) as {
          points: unknown[];
        }
      ).points.length;
    const all = await heat('all');
    expect(all).toBeGreaterThan(100);
    await expect.poll(async () => (await sourceData(page, 'hazard-heat')).length).toBe(all);
    await page.locator('[data-heat="open"]').click();
    const open = await heat('open');
    expect(open).not.toBe(all);
    await expect.poll(async () => (await sourceData(page, 'hazard-heat')).length).toBe(open);
    await waitForIdle(page);
    await screenshot(page, '10-hazard-density');
    await page.locator('[data-heat="off"]').click();
    await expect
      .poll(() => page.evaluate(() => window.__map?.getLayoutProperty('hazard-heat', 'visibility')))
      .toBe('none');
  });
  it('shows a township’s numbers and trend when its ranking row is clicked', async () => {
    const first = page.locator('[data-testid="ranking"] tbody tr').first();
    const name = await first.locator('button').textContent();
    await first.locator('button').click();
    await expect.poll(() => page.locator('[data-testid="township-card"] h3').textContent()).toBe(name);
    await page.locator('[data-testid="township-card"] svg.sparkline polyline').first().waitFor();
    await page.locator('[data-testid="township-card"]').scrollIntoViewIfNeeded();
    await waitForIdle(page);
    await screenshot(page, '11-hazard-density-township');
    await page.locator('[data-testid="ranking"]').scrollIntoViewIfNeeded();
    await screenshot(page, '12-hazard-density-ranking');
  });

  it('takes a custom window from the date inputs', async () => {
    await page.locator('[data-preset="custom"]').click();
    expect(await page.inputValue('input[name="from"]')).toBe('2023-01-01');
    await page.fill('input[name="from"]', '2023-10-02');
    await page.fill('input[name="to"]', '2023-10-08');
    await expect
      .poll(() => page.locator('[data-testid="window-range"]').textContent())
      .toContain('2023-10-02 至 2023-10-08（7 天）');
    const expected = await stats('from=2023-10-02&to=2023-10-08&metric=foundPerKm2');
    await expect
      .poll(async () => (await rankingRows(page)).map((r) => r.code))
      .toEqual(expected.townships.map((t) => t.code));
    // the previous week has data: rank changes are the server's, drawn as arrows
    const rows = await rankingRows(page);
    expect(rows.map((r) => r.rankChange)).toEqual(expected.townships.map((t) => String(t.rankChange)));
    expect(rows.map((r) => r.arrow)).toEqual(
      expected.townships.map((t) =>
        t.rankChange > 0 ? `▲${t.rankChange}` : t.rankChange < 0 ? `▼${-t.rankChange}` : '–',
      ),
    );
    expect(rows.some((r) => r.arrow !== '–')).toBe(true);
  });
});
