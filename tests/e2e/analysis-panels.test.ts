/**
 * Panels take turns on the map (issue 10 §2): whatever panel was open before, the style layers
 * visible are exactly those of the open panel's declaration (web/state/panels.ts) — the layers
 * panel's being the base map — walked through every order of the four panels. Before issue 10
 * the layers tab left the last analysis on the map and 站点覆盖 hid the sites everywhere after it.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../web/map/layers';
import { type PanelId, panelDeclaration } from '../../web/state/panels';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot, waitForIdle } from './browser';
import { panelHeadline } from './panel-headlines';

const moduleLayers = new Map(registry.map((m) => [m.id, [...m.layers, ...m.labels].map((l) => l.id)]));
const allModuleLayers = [...moduleLayers.values()].flat();

/** Style layers the declaration shows: the base map at start for the layers panel. */
function declared(panel: PanelId): string[] {
  const d = panelDeclaration(panel);
  const modules = d.shows === 'base' ? registry.filter((m) => m.defaultVisible).map((m) => m.id) : d.shows;
  return modules.flatMap((id) => moduleLayers.get(id) ?? []).sort();
}

const visibleLayers = (page: Page) =>
  page.evaluate(
    (ids) => ids.filter((id) => window.__map?.getLayoutProperty(id, 'visibility') !== 'none').sort(),
    allModuleLayers,
  );

/** Every order of the panels (4! = 24). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

const ready = panelHeadline;

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('panels take turns on the map', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession();
    page = session.page;
  });
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  const open = async (panel: PanelId) => {
    await page.locator(`[data-tab="${panel}"]`).click();
    await page.locator(ready[panel]).first().waitFor({ timeout: 120_000 });
  };

  it('the base map at start is the layers panel’s declaration', async () => {
    expect(await visibleLayers(page)).toEqual(declared('layers'));
  });

  it('in every order of the four panels, each shows exactly its declaration', async () => {
    const orders = permutations<PanelId>(['layers', 'stations', 'hydrants', 'density']);
    expect(orders.length).toBe(24);
    for (const order of orders) {
      for (const panel of order) {
        await open(panel);
        await expect
          .poll(() => visibleLayers(page), { timeout: 30_000, message: `${order.join(' → ')}: ${panel}` })
          .toEqual(declared(panel));
      }
    }
    await open('stations');
    await waitForIdle(page);
    await screenshot(page, '30-analysis-back-to-stations');
  });

  it('leaving a panel restores the base map exactly, a toggle the user made included', async () => {
    await open('layers');
    await page.locator('.layer[data-layer="hazards"] .toggle input').check();
    const base = await visibleLayers(page);
    expect(base).toContain('hazards-circle');
    await open('density');
    expect(await visibleLayers(page)).not.toContain('hazards-circle');
    await open('layers');
    await expect.poll(() => visibleLayers(page)).toEqual(base);
    await page.locator('.layer[data-layer="hazards"] .toggle input').uncheck();
  });
});
