/**
 * CSRF: a cookie-authenticated write must come from a page of this server. Browsers send
 * Origin on every cross-origin request and on same-origin POST/PUT/PATCH/DELETE; a write with
 * no Origin (and no Referer) or a foreign one is refused before it runs. JSON bodies must say
 * so (415): a `text/plain` form post cannot pose as one. File uploads (`isUpload`) are
 * multipart/form-data instead, under the same Origin rule.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

export function sameOriginWrites(isUpload: (method: string, path: string) => boolean = () => false): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const own = new URL(c.req.url).origin;
    const origin = originOf(c.req.header('origin')) ?? originOf(c.req.header('referer'));
    if (origin !== own) {
      throw new AppError(403, 'forbidden', '跨站请求被拒绝 (cross-origin write refused: Origin must be this server)');
    }
    // Read (and cache for the validator) what was sent: a bodiless DELETE from a browser carries no
    // content type, though the Node adapter still gives the request a stream.
    const hasBody = c.req.raw.body !== null && (await c.req.arrayBuffer()).byteLength > 0;
    const type = c.req.header('content-type') ?? '';
    if (isUpload(c.req.method, c.req.path)) return next();
    if (hasBody && !/^application\/json\s*(;|$)/i.test(type)) {
      throw new AppError(
        415,
        'unsupported_media_type',
        '请求体须为 application/json (the body must be application/json)',
      );
    }
    return next();
  };
}
