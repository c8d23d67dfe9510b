/**
 * The commander's map in Debian's Chromium (same flags as the e2e tests, so WebGL runs on
 * SwiftShader, a software rasterizer): time from navigation to the first complete render
 * with every start layer (the app's `data-ready`), time until the frame after it is out (so a
 * map that idles early but is put on screen late shows here), time until the last layer's data
 * has arrived, the bytes the API sends per layer, and the tiles MapLibre's worker cut before
 * the first idle (a count of work that the machine's load does not change). Median of RUNS
 * fresh pages; prints only.
 */

import { launchChromium, openGuardedPage, waitForMapReady } from '../e2e/browser';
import { buildTemplate } from '../helpers/template';
import { startTestServer } from '../helpers/test-server';

const RUNS = 3;

/**
 * Counts each tile the map asks its worker to cut, per source (wrapping each source's loadTile
 * once the style has them), and notes when the map is marked ready. A string, not a function:
 * the bundler's helpers are not in the page.
 */
const countTiles = `(() => {
  const cuts = {};
  window.__tileCuts = cuts;
  const t = setInterval(() => {
    const managers = window.__map?.style?.tileManagers;
    if (!managers) return;
    for (const [id, tm] of Object.entries(managers)) {
      const source = tm.getSource();
      if (source.__counted) continue;
      source.__counted = true;
      const load = source.loadTile.bind(source);
      source.loadTile = (tile) => { cuts[id] = (cuts[id] ?? 0) + 1; return load(tile); };
    }
  }, 2);
  // the moment the app marks the first complete render (polling for it would add its own delay);
  // the count stops there too
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.map[data-ready="true"]')) return;
    window.__readyMs = performance.now();
    // the frame after ready: a map drawn off screen and shown at ready would pay for its drawing here
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__shownMs = performance.now())));
    clearInterval(t);
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
})()`;

interface Sample {
  readyMs: number;
  shownMs: number;
  tiles: Record<string, number>;
  dataMs: number;
  layers: Record<string, { bytes: number; ms: number }>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function run(): Promise<void> {
  await buildTemplate();
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { page, errors } = await openGuardedPage(browser, server.url);
      await page.context().addCookies([{ ...server.cookie, url: server.url }]);
      await page.addInitScript(countTiles);
      await page.goto(`${server.url}/?test`);
      await waitForMapReady(page, 180_000);
      await page.waitForFunction(() => (window as unknown as { __shownMs?: number }).__shownMs !== undefined);
      const sample = await page.evaluate(() => {
        const { __readyMs: readyMs, __shownMs: shownMs } = window as unknown as {
          __readyMs: number;
          __shownMs: number;
        };
        const api = performance
          .getEntriesByType('resource')
          .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming)
          .filter((e) => new URL(e.name).pathname.startsWith('/api/'));
        const layers: Record<string, { bytes: number; ms: number }> = {};
        for (const e of api) {
          layers[new URL(e.name).pathname.slice(5)] = { bytes: e.decodedBodySize, ms: e.responseEnd - e.startTime };
        }
        const tiles = (window as unknown as { __tileCuts: Record<string, number> }).__tileCuts;
        return { readyMs, shownMs, dataMs: Math.max(...api.map((e) => e.responseEnd)), layers, tiles: { ...tiles } };
      });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      samples.push(sample);
      await page.close();
    }
    const hazards = await (await server.fetch(`/api/hazards`)).arrayBuffer();

    console.log(`first complete render, all start layers (median of ${RUNS}, SwiftShader):`);
    console.log(`  all layer data received   ${median(samples.map((s) => s.dataMs)).toFixed(0)} ms`);
    console.log(`  map ready (drawn, idle)   ${median(samples.map((s) => s.readyMs)).toFixed(0)} ms`);
    console.log(`  the next frame out        ${median(samples.map((s) => s.shownMs)).toFixed(0)} ms`);
    console.log('bytes sent per layer (uncompressed JSON) and request time:');
    const names = Object.keys(samples[0]?.layers ?? {}).sort();
    let total = 0;
    for (const name of names) {
      const bytes = samples[0]?.layers[name]?.bytes ?? 0;
      total += bytes;
      const ms = median(samples.map((s) => s.layers[name]?.ms ?? 0));
      console.log(`  ${name.padEnd(10)} ${kb(bytes).padStart(12)}  ${ms.toFixed(0).padStart(5)} ms`);
    }
    console.log(`  ${'total'.padEnd(10)} ${kb(total).padStart(12)}`);
    console.log(`  ${'hazards'.padEnd(10)} ${kb(hazards.byteLength).padStart(12)}  (loaded only when switched on)`);
    const tiles = samples[0]?.tiles ?? {};
    const cut = Object.entries(tiles).filter(([, n]) => n > 0);
    console.log(`tiles cut by the worker before the first idle: ${cut.reduce((a, [, n]) => a + n, 0)}`);
    console.log(`  ${cut.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
