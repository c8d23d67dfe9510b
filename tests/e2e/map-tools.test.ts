/**
 * Map tools (issue 10 §1, §3) in a real browser: the crosshair of a pick tool survives every
 * hover change, Esc returns to select, a what-if click and a select click leave the chosen
 * township alone (the popup offers the switch), and the measure readout agrees with
 * GeographicLib for points clicked on the map.
 */
import { Geodesic } from 'geographiclib-geodesic';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot, waitForIdle } from './browser';

const xinan = '411121104'; // 辛安镇
const WGS84 = Geodesic.WGS84;
const POLL = { timeout: 60_000 };

type Box = { x: number; y: number; width: number; height: number };

const cursor = (page: Page) =>
  page.evaluate(() => {
    const canvas = window.__map?.getCanvas();
    return canvas ? getComputedStyle(canvas).cursor : 'no map';
  });

/** Pixel (page coordinates) of the first rendered feature of `layer` for which `accept` holds. */
async function featurePixel(
  page: Page,
  layer: string,
  box: Box,
): Promise<{ x: number; y: number; id: unknown } | null> {
  const hit = await page.evaluate((l) => {
    const map = window.__map;
    if (!map) return null;
    for (const f of map.queryRenderedFeatures({ layers: [l] })) {
      if (f.geometry.type !== 'Point') continue;
      const p = map.project(f.geometry.coordinates as [number, number]);
      const w = map.getCanvas().clientWidth;
      const h = map.getCanvas().clientHeight;
      // away from the tool bar (top left) and the controls (right)
      if (p.x > 200 && p.x < w - 80 && p.y > 120 && p.y < h - 40) return { x: p.x, y: p.y, id: f.id };
    }
    return null;
  }, layer);
  return hit && { x: box.x + hit.x, y: box.y + hit.y, id: hit.id };
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('map tools (Chromium)', () => {
  let session: AppSession;
  let page: Page;
  let box: Box;

  beforeAll(async () => {
    session = await openAppSession();
    page = session.page;
    box = (await page.locator('.map canvas').boundingBox()) as Box;
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  it('select: the pointer cursor over a feature, none elsewhere', async () => {
    const unit = await featurePixel(page, 'units-icon', box);
    expect(unit).not.toBeNull();
    if (!unit) return;
    await page.mouse.move(unit.x, unit.y);
    await expect.poll(() => cursor(page)).toBe('pointer');
  });

  it('pick-point (hypothetical unit): the crosshair stays across hover changes; Esc returns to select', async () => {
    await page.locator('[data-tab="stations"]').click();
    await page.locator('[data-testid="station-summary"]').waitFor({ timeout: 120_000 });
    const draft = page.locator('[data-testid="draft"]');
    await draft.locator('summary').click();
    await draft.locator('[data-action="add-unit"]').click();
    await page.locator('[data-testid="tool-banner"]').waitFor();
    await waitForIdle(page);
    const unit = await featurePixel(page, 'units-icon', box);
    expect(unit).not.toBeNull();
    if (!unit) return;
    // over a unit, off it, back on it, over empty map: crosshair every time
    for (const at of [unit, { x: unit.x + 60, y: unit.y + 40 }, unit, { x: box.x + 300, y: box.y + box.height - 60 }]) {
      await page.mouse.move(at.x, at.y, { steps: 4 });
      expect(await cursor(page)).toBe('crosshair');
    }
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="tool-banner"]').waitFor({ state: 'detached' });
    expect(await page.locator('.toolbar').getAttribute('data-tool')).toBe('select');
    await draft.locator('[data-action="add-unit"]').waitFor();
    await page.mouse.move(unit.x, unit.y, { steps: 2 });
    await expect.poll(() => cursor(page)).toBe('pointer');
    // no unit was placed
    expect(await page.locator('[data-testid="hypothetical"]').count()).toBe(0);
  });

  it('select: with a township chosen, a map click on a neighbour only opens its popup; the popup switches', async () => {
    await page.locator('[data-tab="layers"]').click();
    await page.selectOption('select[name="township"]', xinan);
    await waitForIdle(page);
    const neighbour = await page.evaluate((chosen) => {
      const map = window.__map;
      if (!map) return null;
      const canvas = map.getCanvas();
      for (let y = 140; y < canvas.clientHeight - 40; y += 30) {
        for (let x = 200; x < canvas.clientWidth - 80; x += 30) {
          const f = map.queryRenderedFeatures([x, y], {
            layers: ['townships-fill', 'units-icon', 'hydrants-circle', 'sites-circle', 'roads-line'],
          })[0];
          if (f?.layer.id === 'townships-fill' && String(f.id) !== chosen) return { x, y, code: String(f.id) };
        }
      }
      return null;
    }, xinan);
    expect(neighbour).not.toBeNull();
    if (!neighbour) return;
    await page.mouse.click(box.x + neighbour.x, box.y + neighbour.y);
    const popup = page.locator('.maplibregl-popup .popup[data-layer="townships"]');
    await popup.waitFor();
    expect(await page.locator('select[name="township"]').inputValue()).toBe(xinan);
    await waitForIdle(page);
    await screenshot(page, '40-township-popup-switch');
    await popup.locator('[data-action="switch-township"]').click();
    await expect.poll(() => page.locator('select[name="township"]').inputValue()).toBe(neighbour.code);
    await page.locator('.maplibregl-popup [data-action="whole-county"]').click();
    await expect.poll(() => page.locator('select[name="township"]').inputValue()).toBe('');
  });

  it('pick-point (what-if): hovering a hydrant keeps the crosshair; a click leaves the township filter unchanged', async () => {
    await page.selectOption('select[name="township"]', xinan);
    await page.locator('[data-tab="hydrants"]').click();
    await page.locator('[data-testid="coverage-card"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="scope"]').textContent()).toBe('辛安镇');
    await page.locator('[data-action="what-if"]').click();
    await waitForIdle(page);
    const hydrant = await featurePixel(page, 'hydrants-circle', box);
    expect(hydrant).not.toBeNull();
    if (!hydrant) return;
    await page.mouse.move(hydrant.x, hydrant.y, { steps: 3 });
    await expect
      .poll(() =>
        page.evaluate(
          (id) => window.__map?.getFeatureState({ source: 'hydrants', id: id as number }).hover,
          hydrant.id,
        ),
      )
      .toBe(true);
    expect(await cursor(page)).toBe('crosshair');
    await page.mouse.move(hydrant.x + 80, hydrant.y + 50, { steps: 3 });
    expect(await cursor(page)).toBe('crosshair');
    // a click on the map, clear of the controls
    await page.mouse.click(box.x + box.width - 220, box.y + box.height - 90);
    await page.locator('[data-testid="what-if-added"]').waitFor(POLL);
    expect(await page.locator('select[name="township"]').inputValue()).toBe(xinan);
    expect(await page.locator('[data-testid="scope"]').textContent()).toBe('辛安镇');
    expect(await page.locator('.maplibregl-popup').count()).toBe(0);
    // the visible cancel ends it like Esc
    await page.locator('[data-action="tool-cancel"]').click();
    expect(await page.locator('[data-action="what-if"]').getAttribute('aria-pressed')).toBe('false');
    await page.locator('[data-action="clear-what-if"]').click();
  });

  it('measure: the straight and along-the-line distances of clicked points agree with GeographicLib within 0.5 %', async () => {
    await page.locator('[data-tab="layers"]').click();
    await page.locator('.filters .clear').click();
    await waitForIdle(page);
    await page.locator('[data-action="measure"]').click();
    expect(await page.locator('[data-action="measure"]').getAttribute('aria-pressed')).toBe('true');
    const pixels = [
      { x: 260, y: 200 },
      { x: box.width - 200, y: 260 },
      { x: box.width - 260, y: box.height - 120 },
    ];
    for (const p of pixels) {
      await page.mouse.move(box.x + p.x, box.y + p.y);
      expect(await cursor(page)).toBe('crosshair');
      await page.mouse.click(box.x + p.x, box.y + p.y);
    }
    const readout = page.locator('[data-testid="measure-readout"]');
    await readout.waitFor();
    await expect.poll(() => readout.textContent()).toContain('3');
    const points = await page.evaluate(
      (px) => px.map((p) => window.__map?.unproject([p.x, p.y]).toArray() as [number, number]),
      pixels,
    );
    const inverse = (a: [number, number], b: [number, number]) => WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number;
    const [a, b, c] = points as [[number, number], [number, number], [number, number]];
    const straight = inverse(a, c);
    const path = inverse(a, b) + inverse(b, c);
    const shownStraight = Number(await readout.getAttribute('data-straight-m'));
    const shownPath = Number(await readout.getAttribute('data-path-m'));
    expect(Math.abs(shownStraight - straight) / straight).toBeLessThan(0.005);
    expect(Math.abs(shownPath - path) / path).toBeLessThan(0.005);
    // the readout shows the same figures as text
    const km = (m: number) => `${(m / 1000).toFixed(2)} km`;
    expect(await readout.textContent()).toContain(km(shownStraight));
    expect(await readout.textContent()).toContain(km(shownPath));
    // the line is drawn
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('map-tool-line', 'visibility'))).toBe('visible');
    await waitForIdle(page);
    await screenshot(page, '41-measure');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="measure-readout"]').waitFor({ state: 'detached' });
    expect(await page.locator('.toolbar').getAttribute('data-tool')).toBe('select');
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('map-tool-line', 'visibility'))).toBe('none');
  });

  it('draw-polygon (plan area): corners clicked, a double click closes it; the plan’s proposals all lie inside', async () => {
    const units = (await (await session.server.fetch('/api/units')).json()) as {
      features: { properties: { code: string }; geometry: { coordinates: [number, number] } }[];
    };
    const seat = units.features.find((f) => f.properties.code === 'ST-001')?.geometry.coordinates;
    expect(seat).toBeDefined();
    await page.locator('[data-tab="hydrants"]').click();
    await page.locator('[data-testid="coverage-card"]').waitFor({ timeout: 120_000 });
    await page.evaluate((c) => window.__map?.jumpTo({ center: c as [number, number], zoom: 13 }), seat);
    await waitForIdle(page);
    await page.locator('[data-action="draw-area"]').click();
    expect(await page.locator('.toolbar').getAttribute('data-tool')).toBe('draw-polygon');
    const cx = box.width / 2;
    const cy = box.height / 2;
    const corners = [
      { x: cx - 160, y: cy - 120 },
      { x: cx + 160, y: cy - 120 },
      { x: cx + 160, y: cy + 120 },
      { x: cx - 160, y: cy + 120 },
    ];
    for (const c of corners.slice(0, -1)) await page.mouse.click(box.x + c.x, box.y + c.y);
    const last = corners.at(-1) as { x: number; y: number };
    expect(await cursor(page)).toBe('crosshair');
    await page.mouse.dblclick(box.x + last.x, box.y + last.y);
    await expect.poll(() => page.locator('.toolbar').getAttribute('data-tool')).toBe('select');
    expect(await page.locator('[data-testid="plan-area"]').textContent()).toContain('4');
    const ring = await page.evaluate(
      (px) => px.map((p) => window.__map?.unproject([p.x, p.y]).toArray() as [number, number]),
      corners,
    );
    const request = page.waitForRequest((r) => r.url().endsWith('/api/plan/hydrants') && r.method() === 'POST');
    await page.locator('[data-action="propose"]').click();
    const body = (await request).postDataJSON() as { area?: { type: string; coordinates: number[][][] } };
    expect(body.area?.type).toBe('Polygon');
    const sent = body.area?.coordinates[0] ?? [];
    expect(sent.length).toBe(5);
    sent.slice(0, 4).forEach(([lon = 0, lat = 0], i) => {
      expect(lon).toBeCloseTo(ring[i]?.[0] ?? 0, 6);
      expect(lat).toBeCloseTo(ring[i]?.[1] ?? 0, 6);
    });
    const rows = page.locator('[data-testid="proposals"] tr[data-rank]');
    await rows.first().waitFor({ timeout: 120_000 });
    const points = await rows.evaluateAll((trs) =>
      trs.map((tr) => [Number(tr.getAttribute('data-lon')), Number(tr.getAttribute('data-lat'))]),
    );
    expect(points.length).toBeGreaterThan(0);
    // the drawn ring is a screen rectangle: at zoom 13 its edges are lines of longitude and latitude
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    for (const [lon = 0, lat = 0] of points) {
      expect(lon).toBeGreaterThanOrEqual(Math.min(...lons));
      expect(lon).toBeLessThanOrEqual(Math.max(...lons));
      expect(lat).toBeGreaterThanOrEqual(Math.min(...lats));
      expect(lat).toBeLessThanOrEqual(Math.max(...lats));
    }
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('hydrant-plan-area-line', 'visibility'))).toBe(
      'visible',
    );
    await waitForIdle(page);
    await screenshot(page, '43-plan-area');
  });
});
