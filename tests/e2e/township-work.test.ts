/**
 * Township work records in a real browser (issue 15): a patrol file (a site by code, a site by name,
 * a free address with its point) through the 数据导入 wizard — preview with the free address on the
 * map, commit —, then the records list of the 乡镇工作 panel filtered to the window, with the
 * imported rows and the export links; a 提示函 issued from its form; screenshots at 1440×900 and
 * 390×844 for a person to look at.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { csvUtf8 } from '../helpers/import-files';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

const POLL = { timeout: 60_000 };
const DAY = '2023-07-22';

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('乡镇工作 records (Chromium)', () => {
  let session: AppSession;
  let guarded: GuardedPage;
  let page: Page;
  let file: Uint8Array;

  beforeAll(async () => {
    session = await openAppSession();
    ({ guarded, page } = session);
    const db = session.server.db;
    // Two sites whose names no other site has (picked here: PGlite plans the one-query form badly).
    const sites = await db.rows<{ code: string; name: string; township: string }>(
      sql`SELECT code, name, township_code AS township FROM sites ORDER BY id`,
    );
    const named = new Map<string, number>();
    for (const x of sites) named.set(x.name, (named.get(x.name) ?? 0) + 1);
    const [a, b] = sites.filter((x) => named.get(x.name) === 1);
    const p = await db.one<{ lon: number; lat: number }>(sql`SELECT ST_X(g) AS lon, ST_Y(g) AS lat
      FROM (SELECT ST_PointOnSurface(geom) AS g FROM townships WHERE code = ${a?.township ?? ''}) x`);
    file = csvUtf8([
      ['场所', '地址', '巡查日期', '巡查人', '发现隐患数', '经度', '纬度'],
      [a?.code ?? '', '', DAY, '王建国', 1, '', ''],
      [b?.name ?? '', '', DAY, '李明', 0, '', ''],
      ['', '人民路沿街门店（无编号）', DAY, '王建国', 2, p.lon.toFixed(6), p.lat.toFixed(6)],
    ]);
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(guarded));

  it('imports a patrol file: a site by code, a site by name, a free address on the map', async () => {
    await page.locator('[data-tab="import"]').click();
    await page.locator('[data-testid="import-list"]').waitFor(POLL);
    await page.locator('[data-layer="patrols"]').click();
    await page.locator('select[name="crs"]').selectOption('wgs84');
    await page.locator('.import input[type="file"]').setInputFiles({
      name: '辛安镇防火巡查.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file),
    });
    await page.locator('[data-action="preview"]').click();
    await expect
      .poll(() => page.locator('[data-testid="import-rows"]').textContent(), POLL)
      .toContain('读取 3 行：有效 3，无效 0');
    await waitForIdle(page);
    await screenshot(page, 'work-import-patrols-preview-1440');
    await page.locator('[data-action="commit"]').click();
    await page.locator('[data-testid="import-committed"]').waitFor(POLL);
    expect(await page.locator('[data-testid="import-list"] tbody tr').first().textContent()).toContain(
      '辛安镇防火巡查.csv',
    );
    await screenshot(page, 'work-import-patrols-committed-1440');
  });

  it('lists the records of the window, a page at a time, with the exports', async () => {
    await page.locator('[data-tab="work"]').click();
    await page.locator('[data-testid="work-records"]').waitFor(POLL);
    await page.locator('select[name="work-township"]').selectOption('');
    await page.locator('input[name="work-from"]').fill(DAY);
    await page.locator('input[name="work-to"]').fill(DAY);
    await page.locator('[data-testid="work-filter"]').click();
    const { n } = await session.server.db.one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM patrols WHERE patrolled_on = ${DAY}::date`,
    );
    await expect.poll(() => page.locator('[data-testid="work-count"]').textContent(), POLL).toContain(`共 ${n} 条`);
    expect(await page.locator('[data-testid="work-records"]').textContent()).toContain('人民路沿街门店（无编号）');
    expect(await page.locator('[data-testid="work-export-xlsx"]').getAttribute('href')).toBe(
      `/api/patrols/export?format=xlsx&from=${DAY}&to=${DAY}`,
    );
    await waitForIdle(page);
    await screenshot(page, 'work-records-1440');
  });

  it('enters a patrol in the form: a site by its code, an unknown site stopped in place, an address picked on the map', async () => {
    const XINAN = '411121104';
    const db = session.server.db;
    const site = await db.one<{ id: number; code: string; name: string }>(
      sql`SELECT id, code, name FROM sites WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`,
    );
    const panel = page.locator('[data-testid="work-panel"]');
    await page.locator('[data-tab="work"]').click();
    await panel.locator('select[name="work-township"]').selectOption(XINAN);
    await panel.locator('[data-kind="patrols"]').click();
    await panel.locator('input[name="date"]').fill(DAY);
    await panel.locator('input[name="site"]').fill(site.code);
    await panel.locator('input[name="patroller"]').fill('表单巡查员');
    await panel.locator('[data-testid="work-save"]').click();
    await expect
      .poll(
        async () =>
          (await db.rows(sql`SELECT 1 FROM patrols WHERE patroller = '表单巡查员' AND site_id = ${site.id}`)).length,
        POLL,
      )
      .toBe(1);
    // the list offers the township's sites as "name · code"
    expect(await panel.locator(`datalist#work-sites option[value="${site.name} · ${site.code}"]`).count()).toBe(1);

    const count = async () => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM patrols`)).n;
    const before = await count();
    await panel.locator('input[name="site"]').fill('没有这个场所');
    await panel.locator('input[name="patroller"]').fill('表单巡查员二');
    expect(await panel.locator('[data-testid="work-site-unknown"]').isVisible()).toBe(true);
    await panel.locator('[data-testid="work-save"]').click();
    await page.waitForTimeout(500);
    expect(await count()).toBe(before);

    // an address: 地图选点 on a spot of the township with no site under it (the map brought close, so sites are drawn)
    await panel.locator('input[name="site"]').fill('');
    await panel.locator('input[name="address"]').fill('集贸市场东口');
    const seat = await db.one<{ lon: number; lat: number }>(sql`SELECT ST_X(g) AS lon, ST_Y(g) AS lat
      FROM (SELECT ST_PointOnSurface(geom) AS g FROM townships WHERE code = ${XINAN}) x`);
    await page.evaluate(({ lon, lat }) => window.__map?.jumpTo({ center: [lon, lat], zoom: 15 }), seat);
    await waitForIdle(page);
    // the tool first: its hint bar covers part of the map
    await panel.locator('[data-action="work-pick"]').click();
    const free = await page.evaluate(() => {
      const map = window.__map as import('maplibre-gl').Map;
      const canvas = map.getCanvas();
      const out: { x: number; y: number; lng: number; lat: number }[] = [];
      for (let y = 60; y < canvas.clientHeight - 60; y += 37) {
        for (let x = 60; x < canvas.clientWidth - 60; x += 37) {
          const near = map.queryRenderedFeatures(
            [
              [x - 14, y - 14],
              [x + 14, y + 14],
            ],
            { layers: ['sites-circle'] },
          );
          // nothing over the map there either (the tool bar, the zoom buttons)
          const box = canvas.getBoundingClientRect();
          const top = document.elementFromPoint(box.left + x, box.top + y) === canvas;
          if (near.length === 0 && top) out.push({ x, y, ...map.unproject([x, y]) });
        }
      }
      return out;
    });
    const points = sql.join(
      free.map((f, i) => sql`(${i}::int, ${f.lng}::float8, ${f.lat}::float8)`),
      sql`, `,
    );
    const inside = await db.rows<{ i: number }>(sql`SELECT p.i FROM (VALUES ${points}) AS p(i, lon, lat), townships t
      WHERE t.code = ${XINAN} AND ST_Covers(t.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) ORDER BY p.i LIMIT 1`);
    const spot = inside[0] ? free[inside[0].i] : undefined;
    expect(spot).toBeDefined();
    await page.locator('.map canvas').click({ position: { x: spot?.x ?? 0, y: spot?.y ?? 0 } });
    await expect.poll(() => panel.locator('input[name="lon"]').inputValue(), POLL).not.toBe('');
    const [lon, lat] = [
      Number(await panel.locator('input[name="lon"]').inputValue()),
      Number(await panel.locator('input[name="lat"]').inputValue()),
    ];
    expect(Math.abs(lon - (spot?.lng ?? 0))).toBeLessThan(1e-5);
    expect(Math.abs(lat - (spot?.lat ?? 0))).toBeLessThan(1e-5);
    await panel.locator('[data-testid="work-save"]').click();
    await expect
      .poll(
        async () =>
          (
            await db.rows(sql`SELECT 1 FROM patrols WHERE patroller = '表单巡查员二' AND address = '集贸市场东口' AND site_id IS NULL
            AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography, 0.5)`)
          ).length,
        POLL,
      )
      .toBe(1);
    await screenshot(page, 'work-form-1440');
  });

  it('issues a 提示函 from its form: numbered, recorded, downloaded as a .docx with the text', async () => {
    await page.locator('[data-tab="bulletin"]').click();
    const form = page.locator('[data-testid="notice-letter"]');
    await form.locator('summary').click();
    await form.locator('[data-letter="reminder"]').click();
    await form.locator('textarea[name="letter-body"]').fill('近期气温升高，请各乡镇加强电动自行车集中充电场所巡查。');
    await form.locator('input[name="letter-reply"]').fill('2023-12-31');
    await waitForIdle(page);
    await screenshot(page, 'notice-letter-form-1440');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="letter-save"]').click(),
    ]);
    const path = await download.path();
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(path)))['word/document.xml'] as Uint8Array);
    expect(xml).toContain('近期气温升高，请各乡镇加强电动自行车集中充电场所巡查。');
    expect(xml).toContain('关于做好近期消防安全工作的提示函');
    await expect
      .poll(() => page.locator('[data-testid="letter-saved"]').textContent(), POLL)
      .toMatch(/已保存 .+〔2023〕\d+号/);
  });

  it('fits a phone screen (390×844): the records and the import', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-tab="work"]').click();
    await page.locator('[data-testid="work-records"]').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'work-records-390');
    await page.locator('[data-tab="import"]').click();
    await page.locator('[data-testid="import-list"]').waitFor(POLL);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'work-import-patrols-390');
  });
});
