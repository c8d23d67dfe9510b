/**
 * The 站点覆盖 panel (issue 4) in a real browser: the response-time surface and its legend, the
 * summary against the API's own answer to the same query, 二中队投勤 against /compare, a unit
 * toggled off (the request changes, the numbers follow), a hypothetical unit clicked on the map
 * saved as a scenario, compared and deleted, the CSV export, the English panel — with screenshots.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read loosely in tests
type Json = any;

function sourceData(page: Page, source: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (s) => {
    const data = await window.__map?.getSource<import('maplibre-gl').GeoJSONSource>(s)?.getData();
    return data?.type === 'FeatureCollection'
      ? data.features.map((f) => (f.properties ?? {}) as Record<string, unknown>)
      : [];
  }, source);
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('站点覆盖 panel (Chromium)', () => {
  let session: AppSession;
  let server: AppSession['server'];
  let guarded: GuardedPage;
  let page: Page;
  /** Every /api/coverage/stations request the page made, in order. */
  const coverageRequests: string[] = [];
  const api = async (path: string) => {
    const res = await server.fetch(`${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Json;
  };
  const pathOf = (url: string) => url.slice(server.url.length);
  const lastCoverage = () => coverageRequests.at(-1) as string;
  const metric = (name: string) => page.locator(`[data-testid="station-summary"] [data-metric="${name}"] .value`);
  let units: { id: number; code: string; status: string; kind: string; turnoutS: number }[] = [];
  /** The camera on the whole county (after the app's first fit), to come back to for screenshots. */
  let countyView: { center: [number, number]; zoom: number };
  const backToCounty = async () => {
    await page.evaluate((v) => window.__map?.jumpTo(v), countyView);
    await waitForIdle(page);
  };

  /** Summary figures on the page equal the API's answer to the request the page made. */
  async function expectSummaryOf(path: string) {
    const body = await api(path);
    const w = body.summary.withinThreshold;
    await expect.poll(() => metric('area-within').getAttribute('data-km2')).toBe(String(w.km2));
    expect(await metric('area-within').textContent()).toContain(w.km2.toFixed(2));
    expect(await page.locator('[data-metric="area-within"] .sub').textContent()).toContain(
      `${w.pctOfServed.toFixed(1)}%`,
    );
    expect(await metric('headline').getAttribute('data-within')).toBe(String(w.highRiskWithin));
    expect(await metric('headline').textContent()).toContain(
      `${w.highRiskWithin.toLocaleString('en-US')} / ${w.highRiskTotal.toLocaleString('en-US')}`,
    );
    expect(await metric('sites-within').getAttribute('data-within')).toBe(String(w.sitesWithin));
    expect(await metric('within5').getAttribute('data-km2')).toBe(String(body.summary.within5Min.km2));
    expect(await metric('no-road').getAttribute('data-km2')).toBe(String(body.summary.noRoadAccessKm2));
    expect(await metric('hr-outside').textContent()).toContain(String(body.highRiskOutside.length));
    expect(await metric('standard-sites').textContent()).toContain(
      body.summary.standardMet.highRiskWithin.toLocaleString('en-US'),
    );
    return body;
  }

  beforeAll(async () => {
    session = await openAppSession();
    ({ server, guarded, page } = session);
    page.on('request', (req: Request) => {
      const url = req.url();
      if (url.startsWith(`${server.url}/api/coverage/stations?`)) {
        // The panel's query without `parts=` (the parts it fetched): the whole answer the page drew from.
        const u = new URL(url);
        u.searchParams.delete('parts');
        coverageRequests.push(u.href);
      }
    });
    units = (await api('/api/units')).features.map((f: Json) => f.properties);
  }, 120_000);

  afterAll(async () => {
    await closeAppSession(session);
  });

  afterEach(() => expectNothingFailed(guarded));

  it('opens with the units in service, the surface bands on the map and a legend with the server’s areas', async () => {
    await page.locator('[data-tab="stations"]').click();
    await page.locator('[data-testid="station-summary"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('.stations h2').textContent()).toBe('站点覆盖');
    const inService = units.filter((u) => u.status === 'in_service').map((u) => u.id);
    const built = units.filter((u) => u.status === 'built');
    expect(built.map((u) => u.code)).toEqual(['ST-002']);
    expect(new URL(lastCoverage()).searchParams.get('units')).toBe(inService.join(','));
    expect(await page.locator(`[data-unit="${built[0]?.id}"] input[type="checkbox"]`).isChecked()).toBe(false);
    expect(await page.locator(`[data-unit="${inService[0]}"] input[type="checkbox"]`).isChecked()).toBe(true);

    const body = await api(pathOf(lastCoverage()));
    await expect.poll(async () => (await sourceData(page, 'station-coverage')).length).toBe(6);
    const bands = await sourceData(page, 'station-coverage');
    expect(bands.map((b) => [b.band, b.class, b.fromS ?? null, b.toS ?? null])).toEqual([
      [0, 'within', 0, 180],
      [1, 'within', 180, 300],
      [2, 'within', 300, 600],
      [3, 'within', 600, 900],
      [4, 'beyond', 900, null],
      [5, 'no_road_access', null, null],
    ]);
    expect(bands.map((b) => b.cells)).toEqual(body.surface.features.map((f: Json) => f.properties.cells));
    expect(await page.evaluate(() => window.__map?.getLayoutProperty('station-coverage-fill', 'visibility'))).toBe(
      'visible',
    );
    const legend = page.locator('[data-testid="station-legend"] li[data-band]');
    expect(await legend.count()).toBe(6);
    expect(await legend.first().textContent()).toContain('≤ 3 分钟');
    expect(await legend.first().textContent()).toContain(
      `${body.surface.features[0].properties.areaKm2.toFixed(2)} km²`,
    );
    expect(await legend.nth(4).textContent()).toContain('> 15 分钟或未到达（有道路）');
    expect(await legend.last().textContent()).toContain('无道路可达（农田、水面）');
    expect(await legend.last().textContent()).toContain(`${body.summary.noRoadAccessKm2.toFixed(2)} km²`);
    // the surface sits under the points: every fill of the panel is below the sites and units layers
    const order = await page.evaluate(() => window.__map?.getStyle().layers.map((l) => l.id) ?? []);
    expect(order.indexOf('station-coverage-fill')).toBeLessThan(order.indexOf('sites-circle'));
    expect(order.indexOf('station-coverage-change-fill')).toBeLessThan(order.indexOf('units-icon'));
    // gaps (county) drawn with the hatch
    await expect.poll(async () => (await sourceData(page, 'station-coverage-gaps')).length).toBe(1);
    expect((await sourceData(page, 'station-coverage-gaps'))[0]?.scope).toBe('county');
    await waitForIdle(page);
    countyView = await page.evaluate(() => {
      const map = window.__map;
      if (!map) throw new Error('no map');
      return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
    });
    await screenshot(page, '20-station-coverage-surface');
  });

  it('shows the API’s summary for the same query: 5-minute area, standard met, high-risk sites, assumptions', async () => {
    const body = await expectSummaryOf(pathOf(lastCoverage()));
    expect(await page.locator('[data-testid="on-network"]').textContent()).toContain(String(body.units.length));
    const details = page.locator('[data-testid="assumptions"]');
    await details.locator('summary').click();
    expect(await details.textContent()).toContain(`${body.assumptions.offRoadSpeedKmh} km/h`);
    expect(await details.textContent()).toContain(`${body.assumptions.maxOffRoadM} 米`);
    expect(await details.locator('table').first().locator('tr').count()).toBe(body.assumptions.speedsKmh.length);
    await details.locator('summary').click();
  });

  it('二中队投勤: one click shows baseline vs scenario as /compare?activate=built answers, and the newly covered area', async () => {
    const cmp = await api('/api/coverage/stations/compare?activate=built');
    await page.locator('[data-action="activate-built"]').click();
    const card = page.locator('[data-testid="comparison"]');
    await card.waitFor({ timeout: 60_000 });
    expect(await card.locator('[data-row="km2"] [data-before]').getAttribute('data-before')).toBe(
      String(cmp.before.withinThreshold.km2),
    );
    expect(await card.locator('[data-row="km2"] [data-after]').getAttribute('data-after')).toBe(
      String(cmp.after.withinThreshold.km2),
    );
    expect(await card.locator('[data-row="km2"] td').first().textContent()).toBe(
      `${cmp.before.withinThreshold.km2.toFixed(2)} km²`,
    );
    expect(await card.locator('[data-row="hr-within"] [data-after]').getAttribute('data-after')).toBe(
      String(cmp.after.withinThreshold.highRiskWithin),
    );
    expect(await card.locator('[data-row="standard"] [data-after]').getAttribute('data-after')).toBe(
      String(cmp.after.highRisk.within5Min),
    );
    expect(await card.locator('[data-testid="gaining-title"]').getAttribute('data-count')).toBe(
      String(cmp.highRiskGaining.length),
    );
    expect(cmp.highRiskGaining.length).toBeGreaterThan(0);
    expect(await card.locator('[data-testid="gaining"] li').count()).toBe(cmp.highRiskGaining.length);
    const first = cmp.highRiskGaining[0];
    const row = card.locator(`[data-testid="gaining"] li[data-site="${first.siteId}"]`);
    expect(await row.textContent()).toContain(first.name);
    expect(await row.textContent()).toContain('舞阳县消防救援站二中队');
    expect(await card.locator('[data-testid="newly"]').getAttribute('data-km2')).toBe(
      String(cmp.newlyCovered.properties.areaKm2),
    );
    await expect.poll(async () => (await sourceData(page, 'station-coverage-change')).length).toBe(1);
    const change = (await sourceData(page, 'station-coverage-change'))[0] as Json;
    expect(change.kind).toBe('newly');
    expect(change.cells).toBe(cmp.newlyCovered.properties.cells);
    await card.scrollIntoViewIfNeeded();
    await waitForIdle(page);
    await screenshot(page, '21-station-coverage-compare');
  });

  it('toggling a unit off re-queries with units=ids and shows the new answer', async () => {
    const team = units.find((u) => u.code === 'TT-001') as { id: number };
    const before = coverageRequests.length;
    await page.locator(`[data-unit="${team.id}"] input[type="checkbox"]`).uncheck();
    await expect.poll(() => coverageRequests.length).toBeGreaterThan(before);
    const ids = (new URL(lastCoverage()).searchParams.get('units') ?? '').split(',').map(Number);
    expect(ids).not.toContain(team.id);
    expect(ids.length).toBe(units.filter((u) => u.status === 'in_service').length - 1);
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
    const off = await expectSummaryOf(pathOf(lastCoverage()));
    await page.locator(`[data-unit="${team.id}"] input[type="checkbox"]`).check();
    await expect
      .poll(() => new URL(lastCoverage()).searchParams.get('units')?.split(',').map(Number))
      .toContain(team.id);
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
    const on = await expectSummaryOf(pathOf(lastCoverage()));
    expect(on.summary.within5Min.km2).toBeGreaterThanOrEqual(off.summary.within5Min.km2);
  });

  it('a changed turnout is tried at once (turnout=id:s) and the numbers are the API’s; back to stored, no parameter', async () => {
    const station = units.find((u) => u.code === 'ST-001') as { id: number; turnoutS: number };
    const input = page.locator(`[data-unit="${station.id}"] input.turnout`);
    const before = coverageRequests.length;
    await input.fill(String(station.turnoutS + 120));
    await input.press('Enter');
    await expect.poll(() => coverageRequests.length).toBeGreaterThan(before);
    expect(new URL(lastCoverage()).searchParams.get('turnout')).toBe(`${station.id}:${station.turnoutS + 120}`);
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
    const slow = await expectSummaryOf(pathOf(lastCoverage()));
    const n = coverageRequests.length;
    await input.fill(String(station.turnoutS));
    await input.press('Enter');
    await expect.poll(() => coverageRequests.length).toBeGreaterThan(n);
    expect(new URL(lastCoverage()).searchParams.has('turnout')).toBe(false);
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
    const stored = await expectSummaryOf(pathOf(lastCoverage()));
    expect(slow.summary.within5Min.km2).toBeLessThan(stored.summary.within5Min.km2);
  });

  it('adds a hypothetical unit by clicking the map, saves it as a scenario, compares it, deletes it', async () => {
    const draft = page.locator('[data-testid="draft"]');
    await draft.locator('summary').click();
    await page.selectOption('select[name="add-kind"]', 'micro_station');
    const clickAt = async (x: number, y: number) => {
      const point = await page.evaluate(
        ({ x, y }) => {
          const map = window.__map;
          if (!map) throw new Error('no map');
          map.jumpTo({ center: [x, y], zoom: 14 });
          const p = map.project([x, y]);
          const r = map.getCanvas().getBoundingClientRect();
          return { x: r.left + p.x, y: r.top + p.y };
        },
        { x, y },
      );
      await waitForIdle(page);
      await page.mouse.click(point.x, point.y);
    };
    // A spot beyond the off-road limit (舞阳一高, 225 m from the mapped streets) is refused at once,
    // naming the distance, with the nearest road drawn; nothing is added.
    const here = await api(pathOf(lastCoverage()));
    const school = here.noRoadAccessSites[0];
    expect(school.nearestRoadM).toBeGreaterThan(here.assumptions.maxOffRoadM);
    await draft.locator('[data-action="add-unit"]').click();
    await clickAt(school.lon, school.lat);
    const refusal = page.locator('[data-testid="add-error"]');
    await expect.poll(() => refusal.textContent()).toContain(`${school.nearestRoadM} 米`);
    await expect
      .poll(async () => (await sourceData(page, 'station-draft')).map((f) => f.role).sort())
      .toEqual(['nearest', 'refused', 'refused-line']);
    expect(await page.locator('[data-testid="hypothetical"] li').count()).toBe(0);
    // On a road of the county seat (the nearest road point to a spot north-east of the station): placed, snapped, tried live.
    const station = (await api('/api/units')).features.find((f: Json) => f.properties.code === 'ST-001');
    const [lon, lat] = station.geometry.coordinates as [number, number];
    const snap = await api(`/api/coverage/stations/snap?lon=${(lon + 0.01).toFixed(6)}&lat=${(lat + 0.01).toFixed(6)}`);
    expect(snap.onNetwork).toBe(true);
    await draft.locator('[data-action="add-unit"]').click();
    const n = coverageRequests.length;
    await clickAt(snap.nearest.lon, snap.nearest.lat);
    const units = async () => (await sourceData(page, 'station-draft')).filter((f) => f.role === 'unit').length;
    await expect.poll(units).toBe(1);
    expect(await page.locator('[data-testid="hypothetical"] li').count()).toBe(1);
    expect(await refusal.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="hypothetical"] [data-snap]').count()).toBe(1);
    await expect.poll(() => coverageRequests.length).toBeGreaterThan(n);
    expect(new URL(lastCoverage()).searchParams.get('hypothetical')).toMatch(/^micro_station:113\.\d+:33\.\d+:60$/);
    // the click neither chose a township nor opened a popup
    expect(await page.locator('.maplibregl-popup').count()).toBe(0);
    const name = `e2e 假设站点 ${Date.now()}`;
    await page.fill('input[name="scenario-name"]', name);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/scenarios') && r.request().method() === 'POST');
    await draft.locator('[data-action="save-scenario"]').click();
    const scenario = (await (await created).json()) as Json;
    expect(scenario.name).toBe(name);
    expect(scenario.changes.hypotheticalUnits).toHaveLength(1);
    expect(scenario.changes.hypotheticalUnits[0]).toMatchObject({ kind: 'micro_station', turnoutS: 60 });
    expect(scenario.changes.unitStatus).toEqual([]);
    const card = page.locator('[data-testid="comparison"][data-compared="scenario"]');
    await card.waitFor({ timeout: 60_000 });
    const cmp = await api(`/api/coverage/stations/compare?scenario=${scenario.id}`);
    expect(cmp.after.units).toContain('h1');
    await expect
      .poll(() => card.locator('[data-row="km2"] [data-after]').getAttribute('data-after'))
      .toBe(String(cmp.after.withinThreshold.km2));
    expect(await card.locator('[data-testid="gaining-title"]').getAttribute('data-count')).toBe(
      String(cmp.highRiskGaining.length),
    );
    expect(cmp.after.within5Min.km2).toBeGreaterThanOrEqual(cmp.before.within5Min.km2);
    const item = page.locator(`[data-testid="scenarios"] li[data-scenario="${scenario.id}"]`);
    expect(await item.textContent()).toContain(name);
    await item.locator('[data-action="delete-scenario"]').click();
    await item.waitFor({ state: 'detached' });
    expect((await api('/api/scenarios')).scenarios.map((s: Json) => s.id)).not.toContain(scenario.id);
    expect((await server.fetch(`/api/scenarios/${scenario.id}`)).status).toBe(404);
    await draft.locator('[data-action="reset-draft"]').click();
    await expect.poll(async () => (await sourceData(page, 'station-draft')).length).toBe(0);
    await draft.locator('summary').click();
    await backToCounty();
  });

  it('lists high-risk sites outside 5 minutes, pages and sorts on the server, flies to a site; the CSV export has a BOM and every row', async () => {
    const body = await api(pathOf(lastCoverage()));
    const total = page.locator('[data-testid="sites-total"]');
    await expect.poll(() => total.getAttribute('data-total')).toBe(String(body.highRiskOutside.length));
    const rows = page.locator('[data-testid="sites-table"] tbody tr');
    expect(await rows.count()).toBe(50);
    // default order: slowest first, as the server's list
    expect(await rows.first().getAttribute('data-site')).toBe(String(body.highRiskOutside[0].siteId));
    await page.locator('[data-testid="sites-table"] th button[data-sort="name"]').click();
    await expect.poll(() => page.locator('[data-testid="sites-table"]').getAttribute('data-sort')).toBe('name');
    const byName = await api(
      `/api/coverage/stations/sites?${new URL(lastCoverage()).searchParams}&scope=high_risk_outside&sort=name&dir=asc&limit=50`,
    );
    await expect.poll(() => rows.first().getAttribute('data-site')).toBe(String(byName.rows[0].siteId));
    await page.locator('[data-page="next"]').click();
    await expect.poll(() => rows.first().getAttribute('data-site')).not.toBe(String(byName.rows[0].siteId));

    const href = (await page.locator('[data-export="csv"]').getAttribute('href')) as string;
    expect(href).toContain('scope=high_risk_outside');
    const res = await server.fetch(`${href}`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes.slice(3))
      .split('\r\n')
      .filter((l) => l !== '');
    expect(lines[0]?.startsWith('场所编号,场所名称,类别')).toBe(true);
    expect(lines.length - 1).toBe(body.highRiskOutside.length);

    await page.locator('[data-scope="all"]').click();
    await expect.poll(() => total.getAttribute('data-total')).toBe('15500');
    expect(await rows.count()).toBe(50);
    const target = (await rows.first().getAttribute('data-site')) as string;
    await rows.first().click();
    const site = (await api(`/api/sites/${target}`)) as Json;
    const [sx, sy] = site.geometry.coordinates as [number, number];
    await expect
      .poll(
        async () => {
          const c = await page.evaluate(() => window.__map?.getCenter().toArray() ?? [0, 0]);
          return Math.hypot((c[0] as number) - sx, (c[1] as number) - sy) < 0.002;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await page.locator('.maplibregl-popup-close-button').click();
    await page.locator('[data-scope="high_risk_outside"]').click();
    await expect.poll(() => total.getAttribute('data-total')).toBe(String(body.highRiskOutside.length));
    await page.locator('[data-testid="sites-table"]').scrollIntoViewIfNeeded();
    await backToCounty();
    await screenshot(page, '22-station-coverage-sites');
  });

  it('split mode draws every unit’s whole first-due district in the server’s graph colours, the threshold outlined on top', async () => {
    await page.locator('[data-mode="split"]').click();
    await expect.poll(() => new URL(lastCoverage()).searchParams.get('mode')).toBe('split');
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
    const body = await api(pathOf(lastCoverage()));
    const expected = body.districts.features;
    const filled = async () => (await sourceData(page, 'station-coverage-districts')).filter((f) => f.fill === true);
    await expect
      .poll(async () => (await filled()).map((f) => f.unitId))
      .toEqual(expected.map((f: Json) => f.properties.unitId));
    const districts = await filled();
    // Adjacent districts differ (the API test checks it against PostGIS); the map paints the colour index it got.
    const palette = districts.map((d) => d.color);
    expected.forEach((f: Json, i: number) => {
      const same = expected.filter((g: Json) => g.properties.colour === f.properties.colour);
      expect(same.every((g: Json) => palette[expected.indexOf(g)] === palette[i])).toBe(true);
    });
    const outline = (await sourceData(page, 'station-coverage-districts')).filter((f) => f.fill === false);
    expect(outline).toHaveLength(1);
    expect(outline[0]?.areaKm2).toBe(body.districts.outline.properties.areaKm2);
    // the districts replace the surface; the legend lists them with the server's areas
    expect(await sourceData(page, 'station-coverage')).toEqual([]);
    const rows = page.locator('[data-testid="station-legend"] li[data-district]');
    expect(await rows.count()).toBe(expected.length);
    expect(await rows.first().textContent()).toContain(`${expected[0].properties.areaKm2.toFixed(2)} km²`);
    // the row click showed the sites again (atlas.focus): hide their heat map for the picture
    await page.locator('[data-tab="layers"]').click();
    await page.locator('[data-layer="sites"] input[type="checkbox"]').uncheck();
    await page.locator('[data-tab="stations"]').click();
    await page.locator('.stations h2').scrollIntoViewIfNeeded();
    await backToCounty();
    await screenshot(page, '23-station-coverage-split');
    await page.locator('[data-mode="dissolve"]').click();
    await expect.poll(() => new URL(lastCoverage()).searchParams.get('mode')).toBe('dissolve');
  });

  it('draws the effective response force and the straight-line rings at the main threshold', async () => {
    await page.locator('[data-threshold="600"]').click();
    await page.locator('input[name="erf"]').check();
    await expect.poll(() => new URL(lastCoverage()).searchParams.get('erf')).toBe('600');
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
    const body = await api(pathOf(lastCoverage()));
    expect(body.erf.features.length).toBeGreaterThan(1);
    await expect
      .poll(async () => (await sourceData(page, 'station-coverage-erf')).map((f) => f.personnel))
      .toEqual(body.erf.features.map((f: Json) => f.properties.personnel));
    expect(await page.locator('[data-testid="erf-legend"] li').count()).toBe(body.erf.features.length);
    expect(await sourceData(page, 'station-coverage')).toEqual([]); // the ERF replaces the surface
    await page.locator('input[name="rings"]').check();
    const rings = body.rings.features.filter((f: Json) => f.properties.thresholdS === 600);
    expect(rings.length).toBe(body.units.length);
    await expect
      .poll(async () => (await sourceData(page, 'station-coverage-rings')).map((f) => f.radiusM))
      .toEqual(rings.map((f: Json) => f.properties.radiusM));
    await waitForIdle(page);
    await screenshot(page, '25-station-coverage-erf-rings');
    await page.locator('input[name="erf"]').uncheck();
    await page.locator('input[name="rings"]').uncheck();
    await page.locator('[data-threshold="300"]').click();
    await expect.poll(() => new URL(lastCoverage()).searchParams.get('erf')).toBeNull();
    await page.locator('[data-testid="stations-loading"]').waitFor({ state: 'detached' });
  });

  it('scopes the gap figure and the site table to the chosen township', async () => {
    const code = '411121101'; // 吴城镇
    await page.locator('[data-tab="layers"]').click();
    await page.selectOption('select[name="township"]', code);
    await page.locator('[data-tab="stations"]').click();
    const body = await api(pathOf(lastCoverage()));
    const gap = body.gaps.features.find((f: Json) => f.properties.code === code);
    await expect.poll(() => metric('gap').getAttribute('data-km2')).toBe(String(gap.properties.areaKm2));
    const tw = body.summary.withinThreshold.townships.find((x: Json) => x.code === code);
    expect(await metric('within-township').textContent()).toContain(tw.km2.toFixed(2));
    await expect.poll(async () => (await sourceData(page, 'station-coverage-gaps'))[0]?.code).toBe(code);
    const sites = await api(
      `/api/coverage/stations/sites?${new URL(lastCoverage()).searchParams}&township=${code}&limit=1`,
    );
    expect(sites.total).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="sites-total"]').getAttribute('data-total'))
      .toBe(String(sites.total));
    expect(await page.locator('[data-export="csv"]').getAttribute('href')).toContain(`township=${code}`);
    await page.locator('[data-tab="layers"]').click();
    await page.selectOption('select[name="township"]', '');
    await page.locator('[data-tab="stations"]').click();
    await expect
      .poll(() => metric('gap').getAttribute('data-km2'))
      .toBe(String(body.gaps.features[0].properties.areaKm2));
    await backToCounty();
  });

  it('measures the panel’s coverage request in the browser (reported, not asserted)', async () => {
    const entries = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/coverage/stations?'))
        .map((e) => {
          const r = e as PerformanceResourceTiming;
          return { ms: Math.round(r.duration), transfer: r.transferSize, decoded: r.decodedBodySize };
        }),
    );
    expect(entries.length).toBeGreaterThan(1);
    const warm = entries
      .slice(1)
      .map((e) => e.ms)
      .sort((a, b) => a - b);
    console.log(
      `[e2e] GET /api/coverage/stations from the panel: first ${entries[0]?.ms} ms (graph build), then median ${warm[Math.floor(warm.length / 2)]} ms over ${warm.length}; ${((entries[0]?.transfer ?? 0) / 1e3).toFixed(0)} kB gzip, ${((entries[0]?.decoded ?? 0) / 1e6).toFixed(2)} MB JSON`,
    );
  });

  it('switches the panel to English', async () => {
    await page.locator('.lang button[lang="en"]').click();
    await expect.poll(() => page.locator('.stations h2').textContent()).toBe('Station coverage');
    expect(await page.locator('[data-action="activate-built"]').textContent()).toBe('Second squad on duty');
    expect(await page.locator('[data-testid="station-legend"] li[data-band]').first().textContent()).toContain(
      '≤ 3 min',
    );
    const text = (await page.locator('.stations').textContent()) ?? '';
    expect(text).toContain('Area within 5 min');
    expect(text).toContain('High-risk sites');
    await page.locator('.stations').evaluate((el) => el.scrollIntoView());
    await screenshot(page, '24-station-coverage-en');
    await page.locator('.lang button[lang="zh-CN"]').click();
    await expect.poll(() => page.locator('.stations h2').textContent()).toBe('站点覆盖');
  });
});
