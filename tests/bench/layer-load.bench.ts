/**
 * Layer reads under load (the speed issue's targets: /api/hydrants ≥ 1,000 req/s and /api/sites
 * ≥ 100 req/s with p99 ≤ 100 ms, loopback, 10 connections). The real server on the demo county,
 * signed in, gzip accepted as a browser does; autocannon for BENCH_LOAD_S seconds per endpoint
 * (default 10; the figure is for 20). Anchors in the same run: the uncached answer
 * (query + JSON + gzip, what every request cost before the layer cache) and the heavy
 * station-coverage analysis, which is limited in concurrency (429 beyond 4 in flight) rather
 * than queueing for seconds.
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { layerFeatures } from '../../db/queries/layers';
import { createApp } from '../../server/app';
import { listen } from '../../server/serve';
import { cachedJson } from '../../server/services/layers';
import { createTestUser, TEST_PASSWORD } from '../helpers/sign-in';
import { openDemoDb } from './demo-db';
import { medianMs } from './stats';

const SECONDS = Number(process.env.BENCH_LOAD_S ?? 10);
const CONNECTIONS = 10;

export async function run(): Promise<void> {
  const db = await openDemoDb();
  const { server, port } = await listen(createApp(db), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  try {
    const username = await createTestUser(db, 'brigade');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, 'accept-encoding': 'gzip' };
    console.log(
      `loopback, ${CONNECTIONS} connections, ${SECONDS} s per endpoint; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const layer of ['hydrants', 'sites'] as const) {
      const uncachedMs = await medianMs(5, async () => cachedJson(await layerFeatures(db, layer, {})));
      await fetch(`${url}/api/${layer}`, { headers }); // build the cached answer once
      const r = await autocannon({ url: `${url}/api/${layer}`, connections: CONNECTIONS, duration: SECONDS, headers });
      console.log(
        `/api/${layer}: ${r.requests.average.toFixed(0)} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
          `${(r.throughput.average / 1e6).toFixed(1)} MB/s, non-2xx ${r.non2xx}, errors ${r.errors}; ` +
          `uncached answer (query + JSON + gzip) median ${uncachedMs.toFixed(1)} ms ≈ ${(1000 / uncachedMs).toFixed(1)} req/s on one core`,
      );
    }
    const heavy = await autocannon({
      url: `${url}/api/coverage/stations`,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers,
    });
    const codes = Object.entries(heavy.statusCodeStats)
      .map(([code, s]) => `${code}×${s.count}`)
      .join(', ');
    console.log(
      `/api/coverage/stations: ${heavy.requests.average.toFixed(1)} req/s, p50 ${heavy.latency.p50} ms, p99 ${heavy.latency.p99} ms; status ${codes} (429 = refused beyond 4 in flight, not queued)`,
    );
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  }
}
