/**
 * How the built app goes out (server/serve.ts, server/web-precompress.ts): each file as the
 * build compressed it when the client takes Brotli or gzip — byte for byte the file once
 * decoded — the hashed /assets/ cached for a year, index.html and the SPA's routes revalidated
 * on every load. Raw HTTP (node:http), so that nothing decodes on the test's behalf.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/template';
import { startTestServer, type TestServer } from '../helpers/test-server';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function rawGet(url: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const decoded = (r: Raw): Buffer =>
  r.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? gunzipSync(r.body)
      : r.body;

describe('the built app as it is sent', () => {
  let server: TestServer;
  const assets = join(root, 'dist/web/assets');
  let script = '';

  beforeAll(async () => {
    server = await startTestServer();
    script = readdirSync(assets).find((f) => /^index-.*\.js$/.test(f)) ?? '';
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends the app script as Brotli, gzip or plain, each the built file once decoded', async () => {
    expect(script).not.toBe('');
    const file = readFileSync(join(assets, script));
    const url = `${server.url}/assets/${script}`;
    const br = await rawGet(url, 'gzip, deflate, br, zstd');
    const gz = await rawGet(url, 'gzip, deflate');
    const plain = await rawGet(url);
    expect([br.status, gz.status, plain.status]).toEqual([200, 200, 200]);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const r of [br, gz, plain]) {
      expect(decoded(r).equals(file)).toBe(true);
      expect(r.headers['content-type']).toMatch(/javascript/);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    // the point of it: what a township's link carries
    expect(br.body.length).toBeLessThan(file.length / 3);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
  });

  it('revalidates index.html and the routes of the app on every load', async () => {
    const index = readFileSync(join(root, 'dist/web/index.html'));
    for (const path of ['/', '/index.html', '/some/app/route']) {
      const r = await rawGet(`${server.url}${path}`, 'gzip, br');
      expect(r.status, path).toBe(200);
      expect(r.headers['cache-control'], path).toBe('no-cache');
      expect(decoded(r).toString('utf8'), path).toBe(index.toString('utf8'));
    }
  });

  it('answers a missing build file with a 404, not the app, and caches neither it nor the API', async () => {
    const missing = await rawGet(`${server.url}/assets/index-nothere.js`, 'br');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-cache');
    const health = await rawGet(`${server.url}/api/health`);
    expect(health.headers['cache-control'] ?? '').not.toMatch(/immutable|max-age=31536000/);
  });
});
