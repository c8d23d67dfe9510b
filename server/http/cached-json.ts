/**
 * Sends a prepared JSON answer: 304 when the client's If-None-Match holds its ETag, the stored
 * gzip when the client takes gzip, else the text. `private, no-cache`: every use revalidates
 * (answers depend on who is signed in), which costs a 304 and no body.
 */
import type { Context } from 'hono';
import type { CachedJson } from '../services/layers';

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((t) => bare(t) === bare(etag));
}

/** Whether an Accept-Encoding header takes gzip (q > 0, explicitly or through `*`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (coding.trim() === 'gzip') return ok;
    if (coding.trim() === '*') star = ok;
  }
  return star;
}

export function sendCachedJson(c: Context, body: CachedJson): Response {
  const headers: Record<string, string> = {
    etag: body.etag,
    'cache-control': 'private, no-cache',
    vary: 'Accept-Encoding',
  };
  if (matchesEtag(c.req.header('if-none-match'), body.etag)) return c.body(null, 304, headers);
  headers['content-type'] = 'application/json; charset=utf-8';
  if (acceptsGzip(c.req.header('accept-encoding'))) {
    return c.body(body.gzip as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-encoding': 'gzip' });
  }
  return c.body(body.json, 200, headers);
}
