/**
 * Editing on the map (issue 13) in Chromium, as a 辛安镇 township user: drag a hydrant to a new
 * place and find it there after a reload; change a unit's staff in its form; record an inspection
 * on a 390×844 phone viewport and see the hydrant's status follow. Screenshots for a person.
 */
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { XINAN } from '../helpers/sign-in';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot, waitForIdle, waitForMapReady } from './browser';

const POLL = { timeout: 60_000 };

/** Centres the map on a point at a street zoom and returns its pixel position in the page. */
async function showPoint(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  await page.evaluate((c) => window.__map?.jumpTo({ center: c, zoom: 17.5 }), lonLat);
  await waitForIdle(page);
  return page.evaluate((c) => {
    const map = window.__map;
    if (!map) throw new Error('no map');
    const p = map.project(c);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lonLat);
}

/** Where the map's source holds feature `id`, as MapLibre has it (its tiles quantise to ~1e-6°). */
function mapPoint(page: Page, source: string, id: number): Promise<number[] | undefined> {
  return page.evaluate(
    ([src, fid]) => {
      const f = window.__map?.querySourceFeatures(src as string, { filter: ['==', ['get', 'id'], fid as number] })[0];
      const c = (f?.geometry as { coordinates: number[] } | undefined)?.coordinates;
      return c;
    },
    [source, id] as const,
  );
}

/** The status the map's hydrants source holds for hydrant `id`. */
function mapStatus(page: Page, id: number): Promise<unknown> {
  return page.evaluate(
    (fid) =>
      window.__map?.querySourceFeatures('hydrants', { filter: ['==', ['get', 'id'], fid] })[0]?.properties.status,
    id,
  );
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('editing on the map (Chromium)', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession(undefined, { role: 'township', township: XINAN });
    page = session.page;
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  it('drag a hydrant to a new place: saved, and still there after a reload', async () => {
    const db = session.server.db;
    const h = await db.one<{ id: number; lon: number; lat: number; version: number }>(sql`
      SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, version FROM hydrants
      WHERE township_code = ${XINAN} AND status = 'ok' ORDER BY id LIMIT 1`);
    const at = await showPoint(page, [h.lon, h.lat]);
    await page.mouse.click(at.x, at.y);
    await page.locator('[data-action="popup-move"]').click();
    await page.locator('[data-testid="tool-banner"]').waitFor(POLL);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x + 40, at.y + 10, { steps: 5 });
    await page.mouse.move(at.x + 80, at.y + 20, { steps: 5 });
    await page.mouse.up();
    const target = await page.evaluate(
      (p) => window.__map?.unproject([p.x, p.y]).toArray() as [number, number],
      await page.evaluate(
        (q) => {
          const r = window.__map?.getCanvas().getBoundingClientRect();
          return { x: q.x - (r?.left ?? 0), y: q.y - (r?.top ?? 0) };
        },
        { x: at.x + 80, y: at.y + 20 },
      ),
    );
    await screenshot(page, '60-edit-drag-hydrant');
    const layerReads: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (new URL(r.url()).pathname === '/api/hydrants') layerReads.push(r.url());
    };
    page.on('request', onRequest);
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/hydrants/${h.id}`) && r.request().method() === 'PATCH',
    );
    await page.locator('[data-action="tool-finish"]').click();
    expect((await saved).status()).toBe(200);
    await page.locator('[data-testid="edit-notice"]').waitFor(POLL);
    const row = await db.one<{ lon: number; lat: number; version: number }>(
      sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, version FROM hydrants WHERE id = ${h.id}`,
    );
    expect(row.version).toBe(h.version + 1);
    expect(row.lon).toBeCloseTo(target[0], 6);
    expect(row.lat).toBeCloseTo(target[1], 6);
    // the map shows the hydrant at its new place at once, without taking the whole layer again
    const off = async () => {
      const p = await mapPoint(page, 'hydrants', h.id);
      return p ? Math.max(Math.abs((p[0] ?? 0) - row.lon), Math.abs((p[1] ?? 0) - row.lat)) : Infinity;
    };
    await expect.poll(off, POLL).toBeLessThan(1e-5);
    page.off('request', onRequest);
    expect(layerReads).toEqual([]);
    await screenshot(page, '61-edit-hydrant-saved');

    await page.reload();
    await waitForMapReady(page);
    await showPoint(page, [row.lon, row.lat]);
    const shown = await page.evaluate(
      (id) =>
        window.__map
          ?.querySourceFeatures('hydrants', { filter: ['==', ['get', 'id'], id] })
          .map((f) => (f.geometry as { coordinates: number[] }).coordinates)[0],
      h.id,
    );
    expect(shown?.[0]).toBeCloseTo(row.lon, 5);
    expect(shown?.[1]).toBeCloseTo(row.lat, 5);
  }, 300_000);

  it('edit a unit’s staff in its form', async () => {
    const db = session.server.db;
    const u = await db.one<{ id: number; lon: number; lat: number; staff: number }>(sql`
      SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat, staff FROM units WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`);
    const at = await showPoint(page, [u.lon, u.lat]);
    await page.mouse.click(at.x, at.y);
    await page.locator('[data-action="popup-edit"]').click();
    const form = page.locator('[data-testid="asset-form"][data-layer="units"]');
    await form.waitFor(POLL);
    await form.locator('input[name="staff"]').fill(String(u.staff + 3));
    await screenshot(page, '62-edit-unit-form');
    await form.locator('[data-action="save"]').click();
    await page.locator('[data-testid="edit-notice"]').waitFor(POLL);
    await expect
      .poll(async () => (await db.one<{ staff: number }>(sql`SELECT staff FROM units WHERE id = ${u.id}`)).staff, POLL)
      .toBe(u.staff + 3);
  }, 300_000);

  it('the inspection run of 辛安镇: every overdue hydrant once, in order along the roads, printable', async () => {
    await page.locator('[data-tab="layers"]').click();
    // the layers panel's township filter (other panels have a township field of their own)
    await page.locator('select[name="township"]:not([disabled])').first().selectOption(XINAN);
    await page.locator('[data-tab="inspections"]').click();
    const count = page.locator('[data-testid="due-count"]');
    await count.waitFor(POLL);
    const due = Number(await count.getAttribute('data-count'));
    expect(due).toBeGreaterThan(0);
    await page.locator('[data-action="make-route"]').click();
    const route = page.locator('[data-testid="inspection-route"]');
    await route.waitFor(POLL);
    const stops = Number(await route.getAttribute('data-stops'));
    expect(stops).toBeGreaterThan(0);
    expect(stops).toBeLessThanOrEqual(due);
    await waitForIdle(page);
    await screenshot(page, '65-inspection-route');
  }, 300_000);

  it('record an inspection on a 390×844 phone: the hydrant becomes faulty', async () => {
    const db = session.server.db;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await waitForMapReady(page);
    const h = await db.one<{ id: number; lon: number; lat: number }>(sql`
      SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM hydrants
      WHERE township_code = ${XINAN} AND status = 'ok' ORDER BY id DESC LIMIT 1`);
    const at = await showPoint(page, [h.lon, h.lat]);
    await page.mouse.click(at.x, at.y);
    await page.locator('[data-action="popup-inspect"]').click();
    const form = page.locator('[data-testid="inspection-form"]');
    await form.waitFor(POLL);
    await form.locator('[data-result="faulty"]').click();
    await form.locator('textarea[name="note"]').fill('阀门锈死，无法开启');
    await form.locator('[data-action="inspection-save"]').scrollIntoViewIfNeeded();
    await screenshot(page, '63-inspection-390');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await form.locator('[data-action="inspection-save"]').click();
    await page.locator('[data-testid="inspection-notice"]').waitFor(POLL);
    await expect
      .poll(
        async () => (await db.one<{ s: string }>(sql`SELECT status::text AS s FROM hydrants WHERE id = ${h.id}`)).s,
        POLL,
      )
      .toBe('faulty');
    // the map's hydrant turns faulty with it (the one hydrant taken again, not the layer)
    await expect.poll(() => mapStatus(page, h.id), POLL).toBe('faulty');
    await page.locator('[data-testid="inspection-log"] li').first().waitFor(POLL);
    await screenshot(page, '64-inspection-saved-390');
  }, 300_000);
});
