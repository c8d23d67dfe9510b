/**
 * The 消火栓规划 panel (issue 5) in a real browser, asserted on map state and panel attributes
 * against the server's own answers: metre-true protection circles (checked with GeographicLib),
 * coverage totals, 30 ranked proposals, reject → the what-if of the rest, a what-if click,
 * accepting a proposal (on the test server's private PGlite copy — tests/helpers/test-server.ts
 * opens one per run, so the planned hydrant it writes is never seen by anything else; there is
 * no delete endpoint), exports, the English switch; screenshots for a person to look at.
 */
import { readFileSync } from 'node:fs';
import { Geodesic } from 'geographiclib-geodesic';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { type GuardedPage, hasChromium, screenshot, waitForIdle } from './browser';

const WGS84 = Geodesic.WGS84;

type Json = Record<string, unknown>;
interface Coverage {
  hydrants: number;
  countedHydrants: { id: number; code: string; lon: number; lat: number }[];
  summary: {
    sites: number;
    covered: number;
    percent: number;
    uncoveredByRisk: { riskLevel: number; count: number }[];
    byTownship: { key: string; sites: number; covered: number }[];
    byCategory: { key: string; sites: number; covered: number }[];
  };
  uncoveredTotal: number;
  roads: { totals: { roadM: number; uncoveredM: number; spacingGapM: number } };
}
interface Totals {
  sitesCovered: number;
  sitesPercent: number;
  uncoveredRoadM: number;
  spacingGapM: number;
}
interface Plan {
  before: Totals;
  after: Totals;
  proposals: { rank: number; lon: number; lat: number; gain: { sites: number; roadM: number } }[];
}
interface WhatIf {
  delta: number;
  before: { covered: number; percent: number; uncoveredRoadM: number; spacingGapM: number };
  after: { covered: number; percent: number; uncoveredRoadM: number; spacingGapM: number };
}

/** Features in a source's data, as MapLibre holds it. */
function sourceData(
  page: Page,
  source: string,
): Promise<{ id: unknown; props: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[]> {
  return page.evaluate(async (s) => {
    const data = await window.__map?.getSource<import('maplibre-gl').GeoJSONSource>(s)?.getData();
    return data?.type === 'FeatureCollection'
      ? data.features.map((f) => ({
          id: f.id,
          props: (f.properties ?? {}) as Record<string, unknown>,
          geometry: f.geometry as unknown as { type: string; coordinates: unknown },
        }))
      : [];
  }, source);
}

const pct = (v: number) => `${v.toFixed(2)}%`;
/** Server answers and camera flights on a busy machine: wait for them, never for a fixed time. */
const POLL = { timeout: 60_000 };

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('消火栓规划 panel (Chromium)', () => {
  let session: AppSession;
  let server: AppSession['server'];
  let guarded: GuardedPage;
  let page: Page;
  const get = async <T>(path: string) => (await (await server.fetch(`${path}`)).json()) as T;
  const post = async <T>(path: string, body: unknown) =>
    (await (
      await server.fetch(`${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      })
    ).json()) as T;
  const totalsShown = () =>
    page
      .locator('[data-testid="plan-totals"] tr[data-total]')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((r) => [
            r.getAttribute('data-total'),
            { before: Number(r.getAttribute('data-before')), after: Number(r.getAttribute('data-after')) },
          ]),
        ),
      );
  let plan: Plan;

  beforeAll(async () => {
    session = await openAppSession();
    ({ server, guarded, page } = session);
  });

  afterAll(async () => {
    await closeAppSession(session);
  });

  afterEach(() => expectNothingFailed(guarded));

  it('opens the tab: totals equal GET /api/coverage/hydrants', async () => {
    await page.locator('[data-tab="hydrants"]').click();
    await page.locator('[data-testid="coverage-card"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('.hydrants h2').textContent()).toBe('消火栓规划');
    const expected = await get<Coverage>('/api/coverage/hydrants');
    const card = page.locator('[data-testid="coverage-card"]');
    expect(Number(await card.getAttribute('data-sites'))).toBe(expected.summary.sites);
    expect(Number(await card.getAttribute('data-covered'))).toBe(expected.summary.covered);
    expect(await page.locator('[data-testid="coverage-percent"]').textContent()).toBe(pct(expected.summary.percent));
    expect(await page.locator('[data-testid="hydrants-counted"]').textContent()).toContain(String(expected.hydrants));
    const risks = await page
      .locator('[data-testid="uncovered-by-risk"] div[data-risk]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-risk'), r.querySelector('dd')?.textContent]));
    expect(risks).toEqual([
      ...expected.summary.uncoveredByRisk.map((r) => [String(r.riskLevel), r.count.toLocaleString('en-US')]),
      ['total', expected.uncoveredTotal.toLocaleString('en-US')],
    ]);
    const road = (k: string) => page.locator(`[data-testid="road-totals"] [data-road="${k}"] dd`).textContent();
    expect(await road('uncovered')).toBe(`${Math.round(expected.roads.totals.uncoveredM).toLocaleString('en-US')} 米`);
    expect(await road('gap')).toBe(`${Math.round(expected.roads.totals.spacingGapM).toLocaleString('en-US')} 米`);
    // Uncovered sites and street stretches are on the map, as the server listed them.
    await expect
      .poll(async () => (await sourceData(page, 'hydrant-plan-uncovered')).length, POLL)
      .toBe(expected.uncoveredTotal);
    const stretches = await sourceData(page, 'hydrant-plan-stretches');
    expect(new Set(stretches.map((s) => s.props.kind))).toEqual(new Set(['uncovered', 'spacing_gap']));
    expect(await page.locator('[data-testid="hydrants-legend"] li').count()).toBe(14);
    // the folded tables: one row per township and per category, as the server counted them
    for (const [testid, groups] of [
      ['coverage-townships', expected.summary.byTownship],
      ['coverage-categories', expected.summary.byCategory],
    ] as const) {
      const rows = await page
        .locator(`[data-testid="${testid}"] tbody tr`)
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute('data-key'),
            ...[...tr.querySelectorAll('td.num')].slice(0, 2).map((td) => td.textContent),
          ]),
        );
      expect(rows, testid).toEqual(
        groups.map((g) => [g.key, g.sites.toLocaleString('en-US'), g.covered.toLocaleString('en-US')]),
      );
    }
  });

  it('draws one metre-true polygon per in-service municipal hydrant (GeographicLib: every vertex 150 m ± 1 %)', async () => {
    const layer = await get<{ features: { id: number; properties: Json; geometry: { coordinates: number[] } }[] }>(
      '/api/hydrants',
    );
    const inService = layer.features.filter((f) => f.properties.status === 'ok' && f.properties.kind === 'municipal');
    expect(inService.length).toBeGreaterThan(100);
    await expect.poll(async () => (await sourceData(page, 'hydrant-plan')).length, POLL).toBe(inService.length);
    const circles = await sourceData(page, 'hydrant-plan');
    const centre = new Map(inService.map((f) => [Number(f.properties.id), f.geometry.coordinates as number[]]));
    expect(new Set(circles.map((c) => Number(c.id)))).toEqual(new Set(centre.keys()));
    let worst = 0;
    for (const c of circles) {
      expect(c.geometry.type).toBe('Polygon');
      const ring = (c.geometry.coordinates as number[][][])[0] as number[][];
      expect(ring.length).toBeGreaterThanOrEqual(33);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const [lon0, lat0] = centre.get(Number(c.id)) as number[];
      for (const [lon, lat] of ring) {
        const d = WGS84.Inverse(lat0 as number, lon0 as number, lat as number, lon as number).s12 as number;
        worst = Math.max(worst, Math.abs(d - 150) / 150);
      }
    }
    expect(worst).toBeLessThan(0.01);
    // Built on the ellipsoid, not a sphere: well under a millimetre per metre.
    expect(worst).toBeLessThan(1e-4);
    expect(await page.evaluate(() => window.__map?.getLayer('hydrant-plan-circles')?.type)).toBe('fill');
    // Under the hydrants and the unit symbols.
    const order = await page.evaluate(() => window.__map?.getStyle().layers.map((l) => l.id) ?? []);
    expect(order.indexOf('hydrant-plan-circles')).toBeLessThan(order.indexOf('hydrants-circle'));
    expect(order.indexOf('hydrant-proposals-circle')).toBeLessThan(order.indexOf('units-icon'));
    await waitForIdle(page);
    await screenshot(page, 'hydrants-1-county');
  });

  it('proposes 30: ranked rows and before / after equal POST /api/plan/hydrants', async () => {
    await page.locator('[data-action="propose"]').click();
    await expect.poll(() => page.locator('[data-testid="proposals"] tbody tr').count(), POLL).toBe(30);
    plan = await post<Plan>('/api/plan/hydrants', { radius: 150, statuses: ['ok'], count: 30 });
    const rows = await page.locator('[data-testid="proposals"] tbody tr').evaluateAll((trs) =>
      trs.map((r) => ({
        rank: Number(r.getAttribute('data-rank')),
        lon: Number(r.getAttribute('data-lon')),
        lat: Number(r.getAttribute('data-lat')),
        sites: Number(r.getAttribute('data-gain-sites')),
        roadM: Number(r.getAttribute('data-gain-road')),
      })),
    );
    expect(rows).toEqual(
      plan.proposals.map((p) => ({ rank: p.rank, lon: p.lon, lat: p.lat, sites: p.gain.sites, roadM: p.gain.roadM })),
    );
    await expect.poll(async () => (await totalsShown()).sitesCovered?.after, POLL).toBe(plan.after.sitesCovered);
    const shown = await totalsShown();
    for (const k of ['sitesCovered', 'sitesPercent', 'uncoveredRoadM', 'spacingGapM'] as const) {
      expect(shown[k]?.before, k).toBe(plan.before[k]);
      expect(shown[k]?.after, k).toBeCloseTo(plan.after[k], 6);
    }
    const markers = await sourceData(page, 'hydrant-proposals');
    expect(markers.map((m) => m.props.rank)).toEqual(plan.proposals.map((p) => p.rank));
    expect((await sourceData(page, 'hydrant-plan-proposal-circles')).length).toBe(30);
  });

  it('hovering a row highlights its marker; clicking its rank flies there', async () => {
    const row = page.locator('[data-testid="proposals"] tr[data-rank="1"]');
    await row.hover();
    await expect
      .poll(async () => (await sourceData(page, 'hydrant-proposals')).find((m) => m.props.highlight)?.props.rank, POLL)
      .toBe(1);
    await row.locator('button.rank').click();
    const p = plan.proposals[0] as Plan['proposals'][number];
    await expect
      .poll(async () => {
        const c = await page.evaluate(() => window.__map?.getCenter().toArray());
        return Math.hypot((c?.[0] ?? 0) - p.lon, (c?.[1] ?? 0) - p.lat) < 1e-5;
      }, POLL)
      .toBe(true);
    await waitForIdle(page);
  });

  it('reject one: the totals become POST /what-if of the other 29', async () => {
    await page.locator('[data-testid="proposals"] tr[data-rank="2"] [data-action="reject"]').click();
    expect(await page.locator('[data-testid="proposals"] tr[data-rank="2"]').getAttribute('data-state')).toBe(
      'rejected',
    );
    const rest = plan.proposals.filter((p) => p.rank !== 2).map((p) => [p.lon, p.lat]);
    // the plan counts planned hydrants as existing (its default, includePlanned): so does the oracle
    const expected = await post<WhatIf>('/api/coverage/hydrants/what-if', {
      radius: 150,
      statuses: ['ok', 'planned'],
      add: rest,
    });
    expect(expected.after.covered).toBeLessThan(plan.after.sitesCovered);
    await expect.poll(async () => (await totalsShown()).sitesCovered?.after, POLL).toBe(expected.after.covered);
    const shown = await totalsShown();
    expect(shown.sitesPercent?.after).toBe(expected.after.percent);
    expect(shown.uncoveredRoadM?.after).toBe(expected.after.uncoveredRoadM);
    expect(shown.spacingGapM?.after).toBe(expected.after.spacingGapM);
    expect(await page.locator('[data-testid="working-set"]').textContent()).toContain('29 / 30');
    expect((await sourceData(page, 'hydrant-plan-proposal-circles')).length).toBe(29);
    await screenshot(page, 'hydrants-2-county-seat-proposals');
  });

  it('what-if: a click on the map gives the delta of POST /what-if for that point; a hydrant click marks it faulty', async () => {
    await page.locator('[data-action="what-if"]').click();
    // What-ifs ask /what-if only: the coverage (2.4 MB with every uncovered site) is not fetched again.
    const coverageGets: string[] = [];
    const onRequest = (r: import('playwright-core').Request) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/coverage/hydrants') coverageGets.push(r.url());
    };
    page.on('request', onRequest);
    // A free spot near the top-left of the map (no hydrant there at this zoom: checked below).
    const box = (await page.locator('.map').boundingBox()) as { x: number; y: number; width: number; height: number };
    const at = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.35 };
    const hit = await page.evaluate(
      ([x, y]) => window.__map?.queryRenderedFeatures([x, y], { layers: ['hydrants-circle'] }).length ?? 0,
      [at.x - box.x, at.y - box.y] as [number, number],
    );
    expect(hit).toBe(0);
    await page.mouse.click(at.x, at.y);
    await page.locator('[data-testid="what-if-delta"]').waitFor();
    // The click chose no township (the map's own click handler would have).
    expect(await page.locator('[data-testid="scope"]').textContent()).toBe('全县');
    const points = JSON.parse(
      (await page.locator('[data-testid="what-if-added"]').getAttribute('data-points')) ?? '[]',
    ) as [number, number][];
    expect(points.length).toBe(1);
    const expected = await post<WhatIf>('/api/coverage/hydrants/what-if', {
      radius: 150,
      statuses: ['ok'],
      add: points,
    });
    const delta = page.locator('[data-testid="what-if-delta"]');
    await expect.poll(() => delta.getAttribute('data-delta'), POLL).toBe(String(expected.delta));
    expect(await page.locator('[data-testid="what-if-percent"]').textContent()).toBe(
      `${pct(expected.before.percent)} → ${pct(expected.after.percent)}`,
    );
    expect((await sourceData(page, 'hydrant-plan-whatif-circles')).length).toBe(1);
    // Click an in-service hydrant: it is assumed faulty on top of the added point.
    const target = await page.evaluate(() => {
      const map = window.__map;
      if (!map) return undefined;
      const f = map.queryRenderedFeatures({ layers: ['hydrants-circle'] }).find((h) => h.properties.status === 'ok');
      if (f?.geometry.type !== 'Point') return undefined;
      const p = map.project(f.geometry.coordinates as [number, number]);
      return { id: Number(f.properties.id), code: String(f.properties.code), x: p.x, y: p.y };
    });
    expect(target).toBeDefined();
    if (!target) return;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await expect.poll(() => page.locator('[data-testid="what-if-faulty"]').textContent(), POLL).toContain(target.code);
    const both = await post<WhatIf>('/api/coverage/hydrants/what-if', {
      radius: 150,
      statuses: ['ok'],
      add: points,
      faulty: [target.id],
    });
    await expect.poll(() => delta.getAttribute('data-after'), POLL).toBe(String(both.after.covered));
    expect(await delta.getAttribute('data-delta')).toBe(String(both.delta));
    page.off('request', onRequest);
    expect(coverageGets).toEqual([]);
    await page.locator('[data-testid="what-if-delta"]').scrollIntoViewIfNeeded();
    await waitForIdle(page);
    await screenshot(page, 'hydrants-3-what-if');
    await page.locator('[data-action="clear-what-if"]').click();
    await expect.poll(() => page.locator('[data-testid="what-if-delta"]').count(), POLL).toBe(0);
    await page.locator('[data-action="what-if"]').click();
  });

  it('accept one: saved as a planned hydrant (private PGlite copy), the hydrants layer grows by one', async () => {
    const before = (await sourceData(page, 'hydrants')).length;
    const plannedBefore = await get<{ features: unknown[] }>('/api/hydrants?status=planned&limit=100000');
    await page.locator('[data-testid="proposals"] tr[data-rank="1"] [data-action="accept"]').click();
    await expect
      .poll(() => page.locator('[data-testid="proposals"] tr[data-rank="1"]').getAttribute('data-state'), POLL)
      .toBe('accepted');
    await expect.poll(async () => (await sourceData(page, 'hydrants')).length, POLL).toBe(before + 1);
    const planned = await get<{ features: { properties: Json; geometry: { coordinates: number[] } }[] }>(
      '/api/hydrants?status=planned&limit=100000',
    );
    expect(planned.features.length).toBe(plannedBefore.features.length + 1);
    const p = plan.proposals[0] as Plan['proposals'][number];
    const shownText = (await page.locator('[data-testid="proposals"] tr[data-rank="1"] .accepted').textContent()) ?? '';
    const code = /HY-\d+/.exec(shownText)?.[0];
    const saved = planned.features.find((f) => f.properties.code === code);
    expect(saved?.properties.status).toBe('planned');
    // the layer's GeoJSON keeps 7 decimals (~1 cm)
    const [lon = 0, lat = 0] = saved?.geometry.coordinates ?? [];
    expect(Math.abs(lon - p.lon)).toBeLessThan(1e-6);
    expect(Math.abs(lat - p.lat)).toBeLessThan(1e-6);
    expect((await sourceData(page, 'hydrants')).some((f) => f.props.code === code)).toBe(true);
  });

  it('exports: uncovered sites CSV (BOM, one row per uncovered site) and the proposals CSV without the rejected one', async () => {
    const href = (await page.locator('[data-export="uncovered-csv"]').getAttribute('href')) as string;
    const res = await server.fetch(`${href}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes.slice(3))
      .split('\r\n')
      .filter((l) => l !== '');
    const coverage = await get<Coverage>('/api/coverage/hydrants');
    expect(lines.length - 1).toBe(coverage.uncoveredTotal);
    const geoHref = (await page.locator('[data-export="uncovered-geojson"]').getAttribute('href')) as string;
    const geo = (await (await server.fetch(`${geoHref}`)).json()) as { features: unknown[] };
    expect(geo.features.length).toBe(coverage.uncoveredTotal);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-export="proposals-csv"]').click(),
    ]);
    const file = readFileSync((await download.path()) as string);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = file
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .filter((l) => l !== '');
    expect(rows[0]?.startsWith('序号,乡镇代码,乡镇,道路,经度,纬度,新增覆盖场所')).toBe(true);
    expect(rows.slice(1).map((r) => Number(r.split(',')[0]))).toEqual(
      plan.proposals.filter((p) => p.rank !== 2).map((p) => p.rank),
    );
  });

  it('zoomed to the county seat (舞泉镇): circles, gaps, proposals readable', async () => {
    const p = plan.proposals[2] as Plan['proposals'][number];
    await page.evaluate(
      ([lon, lat]) => window.__map?.jumpTo({ center: [lon as number, lat as number], zoom: 15.5 }),
      [p.lon, p.lat],
    );
    await waitForIdle(page);
    await screenshot(page, 'hydrants-4-county-seat-zoom');
  });

  it('switches the panel to English', async () => {
    await page.locator('button[lang="en"]').click();
    await expect.poll(() => page.locator('.hydrants h2').textContent(), POLL).toBe('Hydrant planning');
    const text = (await page.locator('.hydrants').textContent()) ?? '';
    expect(text).toContain('Site coverage');
    expect(text).toContain('Before and after (whole county)');
    expect(text).not.toMatch(/hydrants\.[a-z]/); // no untranslated key
    await screenshot(page, 'hydrants-5-english');
    await page.locator('button[lang="zh-CN"]').click();
  });
});
