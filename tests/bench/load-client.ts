/**
 * A closed-loop HTTP load client for the layer-load bench, run in its own process:
 * `tsx tests/bench/load-client.ts <url> <connections> <seconds> [headers-json]`; prints one JSON
 * line shaped like autocannon's result (requests.average, latency.p50/p99, throughput.average,
 * non2xx, errors, statusCodeStats).
 *
 * Written by hand because autocannon (9.0.0) measures itself on large answers: it decodes every
 * body chunk into a string (`req.body += data` in lib/pipelinedRequestsQueue.js), which caps it
 * at ≈ 75 MB/s on this machine — against a static Node server sending the same 485 KB it gets
 * 161 req/s where Node's own http client gets 2,818. This client drops the bytes as they arrive
 * and counts them, as a browser's network stack would before the page reads the answer.
 */
import http from 'node:http';

const [url = '', connections = '10', seconds = '10', headersJson = '{}'] = process.argv.slice(2);
const headers = JSON.parse(headersJson) as Record<string, string>;
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });

const latencies: number[] = [];
const statusCodeStats: Record<string, { count: number }> = {};
let bytes = 0;
let errors = 0;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    http
      .get(url, { agent, headers }, (res) => {
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          const code = String(res.statusCode);
          statusCodeStats[code] = { count: (statusCodeStats[code]?.count ?? 0) + 1 };
          resolve();
        });
      })
      .on('error', () => {
        errors++;
        resolve();
      });
  });
}

const start = performance.now();
const end = start + Number(seconds) * 1000;
await Promise.all(
  Array.from({ length: Number(connections) }, async () => {
    while (performance.now() < end) await once();
  }),
);
const elapsedS = (performance.now() - start) / 1000;
agent.destroy();

latencies.sort((a, b) => a - b);
const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0);
const non2xx = Object.entries(statusCodeStats)
  .filter(([code]) => !code.startsWith('2'))
  .reduce((n, [, s]) => n + s.count, 0);
console.log(
  JSON.stringify({
    requests: { average: latencies.length / elapsedS },
    latency: { p50: at(0.5), p99: at(0.99) },
    throughput: { average: bytes / elapsedS },
    non2xx,
    errors,
    statusCodeStats,
  }),
);
