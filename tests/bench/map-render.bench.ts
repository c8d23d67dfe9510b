/**
 * The commander's map in Debian's Chromium (same flags as the e2e tests, so WebGL runs on
 * SwiftShader, a software rasterizer): time from navigation to the first complete render
 * with every start layer (the app's `data-ready`), time until the last layer's data has
 * arrived, and the bytes the API sends per layer. Median of RUNS fresh pages; prints only.
 */

import { launchChromium, openGuardedPage, waitForMapReady } from '../e2e/browser';
import { buildTemplate } from '../helpers/template';
import { startTestServer } from '../helpers/test-server';

const RUNS = 3;

interface Sample {
  readyMs: number;
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
      await page.goto(`${server.url}/?test`);
      await waitForMapReady(page, 180_000);
      const sample = await page.evaluate(() => {
        const readyMs = performance.now();
        const api = performance
          .getEntriesByType('resource')
          .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming)
          .filter((e) => new URL(e.name).pathname.startsWith('/api/'));
        const layers: Record<string, { bytes: number; ms: number }> = {};
        for (const e of api) {
          layers[new URL(e.name).pathname.slice(5)] = { bytes: e.decodedBodySize, ms: e.responseEnd - e.startTime };
        }
        return { readyMs, dataMs: Math.max(...api.map((e) => e.responseEnd)), layers };
      });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      samples.push(sample);
      await page.close();
    }
    const hazards = await (await server.fetch(`/api/hazards`)).arrayBuffer();

    console.log(`first complete render, all start layers (median of ${RUNS}, SwiftShader):`);
    console.log(`  all layer data received   ${median(samples.map((s) => s.dataMs)).toFixed(0)} ms`);
    console.log(`  map ready (drawn, idle)   ${median(samples.map((s) => s.readyMs)).toFixed(0)} ms`);
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
  } finally {
    await browser.close();
    await server.close();
  }
}
