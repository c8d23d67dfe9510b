/**
 * The 数据导入 wizard (issue 12) in a real browser: a GCJ-02 xlsx of hydrants placed on the county
 * seat's real (OpenStreetMap) streets — detection shown with its evidence, the preview on the
 * map, commit, every point back on its street (PostGIS distance to the street it was put on),
 * undo from the list; screenshots at 1440×900 and 390×844 for a person to look at.
 */
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../server/geo/crs/convert';
import { xlsx } from '../helpers/import-files';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

const POLL = { timeout: 60_000 };

async function sourceCodes(page: Page, source: string): Promise<{ code: string; lon: number; lat: number }[]> {
  return page.evaluate(async (s) => {
    const data = await window.__map?.getSource<import('maplibre-gl').GeoJSONSource>(s)?.getData();
    if (data?.type !== 'FeatureCollection') return [];
    return data.features.map((f) => {
      const [lon, lat] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
      return { code: String((f.properties as { code?: unknown }).code), lon, lat };
    });
  }, source);
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('数据导入 wizard (Chromium)', () => {
  let session: AppSession;
  let guarded: GuardedPage;
  let page: Page;
  let streets: { road: number; name: string; lon: number; lat: number }[];

  beforeAll(async () => {
    session = await openAppSession();
    ({ guarded, page } = session);
    // One point at the middle of each of 12 named real streets of the county seat.
    streets = await session.server.db.rows(sql`
      SELECT DISTINCT ON (name) id AS road, name, ST_X(p) AS lon, ST_Y(p) AS lat
      FROM (SELECT id, name, ST_LineInterpolatePoint(geom, 0.5) AS p, length_m FROM roads WHERE source = 'osm' AND name IS NOT NULL) r
      ORDER BY name, length_m DESC LIMIT 12`);
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(guarded));

  it('previews a GCJ-02 xlsx: GCJ-02 detected with its evidence, the points on the map', async () => {
    expect(streets.length).toBe(12);
    const rows = [
      ['消火栓编号', '类型', '状态', '设置地点', '经度', '纬度'],
      ...streets.map((s, i) => {
        const [x, y] = fromWgs84('gcj02', [s.lon, s.lat]);
        return [`WZ-${i + 1}`, '市政', '完好', s.name, x, y];
      }),
    ];
    await page.locator('[data-tab="import"]').click();
    await page.locator('[data-testid="import-list"]').waitFor(POLL);
    await page.locator('.import input[type="file"]').setInputFiles({
      name: '高德坐标消火栓.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await xlsx(rows)),
    });
    await page.locator('[data-action="preview"]').click();
    const detected = page.locator('[data-testid="import-detected"]');
    await detected.waitFor(POLL);
    expect(await detected.getAttribute('data-crs')).toBe('gcj02');
    expect(await detected.textContent()).toContain('GCJ-02');
    expect(await page.locator('[data-testid="import-evidence"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-testid="import-rows"]').textContent()).toContain('读取 12 行：有效 12，无效 0');
    await expect.poll(async () => (await sourceCodes(page, 'import-preview')).length, POLL).toBe(12);
    await waitForIdle(page);
    await screenshot(page, 'import-wizard-preview-1440');
  });

  it('imports: the hydrants layer has every point back on the street it was put on', async () => {
    await page.locator('[data-action="commit"]').click();
    await page.locator('[data-testid="import-committed"]').waitFor(POLL);
    await expect
      .poll(async () => (await sourceCodes(page, 'hydrants')).filter((h) => h.code.startsWith('WZ-')).length, POLL)
      .toBe(12);
    const onMap = (await sourceCodes(page, 'hydrants')).filter((h) => h.code.startsWith('WZ-'));
    for (const h of onMap) {
      const street = streets[Number(h.code.slice(3)) - 1] as (typeof streets)[0];
      // PostGIS: the shown point to the street it was placed on, in metres on the spheroid.
      const { d } = await session.server.db.one<{ d: number }>(sql`
        SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${h.lon}, ${h.lat}), 4326)::geography) AS d
        FROM roads WHERE id = ${street.road}`);
      expect(d, `${h.code} on ${street.name}`).toBeLessThan(0.5);
    }
    expect(await page.locator('[data-testid="import-list"] tbody tr').first().textContent()).toContain(
      '高德坐标消火栓.xlsx',
    );
    await waitForIdle(page);
    await screenshot(page, 'import-wizard-committed-1440');
  });

  it('undoes the import from the list: the points leave the map', async () => {
    await page.locator('[data-testid="import-list"] tbody tr').first().locator('[data-action="undo"]').click();
    await expect
      .poll(async () => (await sourceCodes(page, 'hydrants')).filter((h) => h.code.startsWith('WZ-')).length, POLL)
      .toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="import-list"] tbody tr').first().textContent(), POLL)
      .toContain('已撤销');
  });

  it('fits a phone screen (390×844)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.import input[type="file"]').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF编号,类型,经度,纬度\r\nA-1,喷泉,113.6,33.43\r\nA-2,市政,113°61′,33.43\r\n'),
    });
    await page.locator('[data-action="preview"]').click();
    await page.locator('[data-testid="import-errors"]').waitFor(POLL);
    expect(await page.locator('[data-testid="import-errors"] tbody tr').count()).toBe(2);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'import-wizard-errors-390');
  });
});
