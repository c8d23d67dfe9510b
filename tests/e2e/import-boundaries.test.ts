/**
 * Township boundaries through the 数据导入 wizard (issue 12 §1) in a real browser: the county's
 * townships as a GCJ-02 GeoJSON — GCJ-02 detected from the county boundary, the polygons on the
 * preview map, the "import into" county picker; commit, then undo from the list; screenshots
 * at 1440×900 and 390×844 for a person to look at.
 */
import { sql } from 'drizzle-orm';
import type { MultiPolygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../server/geo/crs/china-offsets';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

const POLL = { timeout: 60_000 };

const previewPolygons = (page: Page) =>
  page.evaluate(async () => {
    const data = await window.__map?.getSource<import('maplibre-gl').GeoJSONSource>('import-preview')?.getData();
    if (data?.type !== 'FeatureCollection') return 0;
    return data.features.filter((f) => f.geometry.type === 'MultiPolygon' || f.geometry.type === 'Polygon').length;
  });

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('乡镇边界导入 (Chromium)', () => {
  let session: AppSession;
  let guarded: GuardedPage;
  let page: Page;
  let file: Buffer;
  let count: number;

  beforeAll(async () => {
    session = await openAppSession();
    ({ guarded, page } = session);
    const rows = await session.server.db.rows<{ code: string; name: string; geom: MultiPolygon | string }>(
      sql`SELECT code, name, ST_AsGeoJSON(geom, 9)::json AS geom FROM townships WHERE adcode = '411121' ORDER BY code`,
    );
    count = rows.length;
    const features = rows.map((r) => {
      const g = (typeof r.geom === 'string' ? JSON.parse(r.geom) : r.geom) as MultiPolygon;
      const coordinates = g.coordinates.map((pg) =>
        pg.map((ring) => ring.map((p) => wgs84ToGcj02(p as [number, number]))),
      );
      return {
        type: 'Feature',
        properties: { 乡镇代码: r.code, 乡镇名称: r.name },
        geometry: { type: 'MultiPolygon', coordinates },
      };
    });
    file = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(guarded));

  it('previews GCJ-02 township boundaries: detected, the polygons on the map, the county picker', async () => {
    await page.locator('[data-tab="import"]').click();
    await page.locator('[data-testid="import-list"]').waitFor(POLL);
    await page.locator('.import [data-layer="townships"]').click();
    await page.locator('[data-testid="import-area-hint"]').waitFor(POLL);
    expect(await page.locator('.import select[name="county"] option').first().textContent()).toContain('舞阳县');
    await page.locator('.import input[type="file"]').setInputFiles({
      name: '乡镇界_高德.geojson',
      mimeType: 'application/geo+json',
      buffer: file,
    });
    await page.locator('[data-action="preview"]').click();
    const detected = page.locator('[data-testid="import-detected"]');
    await detected.waitFor(POLL);
    expect(await detected.getAttribute('data-crs')).toBe('gcj02');
    await expect.poll(() => previewPolygons(page), POLL).toBe(count);
    await waitForIdle(page);
    await screenshot(page, 'import-townships-preview-1440');
  });

  it('imports the boundaries and undoes the import from the list', async () => {
    await page.locator('[data-action="commit"]').click();
    await page.locator('[data-testid="import-committed"]').waitFor(POLL);
    expect(await page.locator('[data-testid="import-list"] tbody tr').first().textContent()).toContain(
      '乡镇界_高德.geojson',
    );
    await page.locator('[data-testid="import-list"] tbody tr').first().locator('[data-action="undo"]').click();
    await expect
      .poll(() => page.locator('[data-testid="import-list"] tbody tr').first().textContent(), POLL)
      .toContain('已撤销');
  });

  it('fits a phone screen (390×844)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.import input[type="file"]').setInputFiles({
      name: '乡镇界_高德.geojson',
      mimeType: 'application/geo+json',
      buffer: file,
    });
    await page.locator('[data-action="preview"]').click();
    await page.locator('[data-testid="import-detected"]').waitFor(POLL);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.locator('.import select[name="county"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-townships-390');
  });
});
