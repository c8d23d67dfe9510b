/**
 * Layer reads under load (the speed issue's targets: /api/hydrants ≥ 1,000 req/s and /api/sites
 * ≥ 100 req/s with p99 ≤ 100 ms, loopback, 10 connections). The real server on the demo county,
 * signed in, gzip accepted as a browser does; a closed-loop client in its own process
 * (load-client.ts: why not autocannon) for BENCH_LOAD_S seconds per endpoint (default 10; the
 * issue's figure is for 20). Anchors in the same run: the client's own ceiling (a bare Node
 * server sending the same bytes), autocannon on /api/sites, the uncached answer (query + JSON +
 * gzip, what every request cost before the layer cache) and the heavy station-coverage analysis,
 * which is limited in concurrency (429 beyond 4 in flight) rather than queueing for seconds.
 */

import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { type Db, openDb } from '../../db/client';
import { layerFeatures } from '../../db/queries/layers';
import { createApp } from '../../server/app';
import { listen } from '../../server/serve';
import { cachedJson } from '../../server/services/layers';
import { createTestUser, TEST_PASSWORD } from '../helpers/sign-in';
import { openDemoDb } from './demo-db';
import { medianMs } from './stats';

const SECONDS = Number(process.env.BENCH_LOAD_S ?? 10);
const CONNECTIONS = 10;

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  statusCodeStats?: Record<string, { count: number }>;
}

type Client = (o: { url: string; headers: Record<string, string> }) => Promise<Result>;

/** The bench's client (load-client.ts) in its own process, so that it does not share the server's event loop. */
const loadClient: Client = async (o) => {
  const args = ['tests/bench/load-client.ts', o.url, String(CONNECTIONS), String(SECONDS), JSON.stringify(o.headers)];
  const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Result;
};

/** autocannon's CLI, for comparison: on large answers it measures its own body decoding. */
const autocannon: Client = async (o) => {
  const args = ['-j', '-c', String(CONNECTIONS), '-d', String(SECONDS)];
  for (const [k, v] of Object.entries(o.headers)) args.push('-H', `${k}=${v}`);
  const { stdout } = await promisify(execFile)('node_modules/.bin/autocannon', [...args, o.url], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Result;
};

const line = (r: Result) =>
  `${r.requests.average.toFixed(0)} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
  `${(r.throughput.average / 1e6).toFixed(1)} MB/s, non-2xx ${r.non2xx}, errors ${r.errors}`;

/** What the client reaches against a bare Node server sending `body` (no routing, no database). */
async function ceiling(client: Client, body: Uint8Array): Promise<Result> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await client({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, headers: {} });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function run(): Promise<void> {
  for (const engine of ['pglite', 'postgres'] as const) {
    const url = process.env.BENCH_DATABASE_URL;
    if (engine === 'postgres' && !url) {
      console.log('BENCH_DATABASE_URL not set: no PostgreSQL run (a seeded demo database, e.g. the CI test database)');
      continue;
    }
    console.log(`— ${engine}`);
    await load(engine === 'pglite' ? await openDemoDb() : await openDb({ databaseUrl: url as string }));
  }
}

async function load(db: Db): Promise<void> {
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
      const answer = cachedJson(await layerFeatures(db, layer, {})).gzip; // the bytes it sends
      const r = await loadClient({ url: `${url}/api/${layer}`, headers });
      console.log(
        `/api/${layer}: ${line(r)}; answer ${(answer.length / 1024).toFixed(0)} KB gzip; ` +
          `uncached answer (query + JSON + gzip) median ${uncachedMs.toFixed(1)} ms ≈ ${(1000 / uncachedMs).toFixed(1)} req/s on one core`,
      );
      console.log(
        `  the client's ceiling (a bare Node server sending the same ${answer.length} bytes): ${line(await ceiling(loadClient, answer))}`,
      );
      if (layer === 'sites') {
        console.log(`  autocannon, same endpoint: ${line(await autocannon({ url: `${url}/api/${layer}`, headers }))}`);
        console.log(`  autocannon's ceiling (the bare server, same bytes): ${line(await ceiling(autocannon, answer))}`);
      }
    }
    const heavy = await loadClient({ url: `${url}/api/coverage/stations`, headers });
    const codes = Object.entries(heavy.statusCodeStats ?? {})
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
