/**
 * One reading of a failed request (web/api-error.ts): the server's `{error:{code,message}}` out
 * of Hono's DetailedError — where the typed client keeps it — instead of "409 Conflict".
 */
import { DetailedError } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { errorMessage, placed } from '../../../web/api-error';

const conflict = new DetailedError('409 Conflict', {
  statusCode: 409,
  detail: {
    data: { error: { code: 'conflict', message: 'proposals duplicate existing hydrants (closer than 5 m)' } },
    statusText: 'Conflict',
  },
});

describe('errorMessage', () => {
  it('gives the server’s message of a failed typed-client request', () => {
    expect(conflict.message).toBe('409 Conflict');
    expect(errorMessage(conflict)).toBe('proposals duplicate existing hydrants (closer than 5 m)');
  });

  it('falls back to the error’s own message when the body is not ours (a proxy’s HTML page, no body)', () => {
    const html = new DetailedError('502 Bad Gateway', {
      detail: { data: '<html>…</html>', statusText: 'Bad Gateway' },
    });
    expect(errorMessage(html)).toBe('502 Bad Gateway');
    expect(errorMessage(new Error('HTTP 500'))).toBe('HTTP 500');
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(errorMessage('offline')).toBe('offline');
  });

  it('places it at the control that caused it', () => {
    expect(placed('accept:1', conflict)).toEqual({
      at: 'accept:1',
      message: 'proposals duplicate existing hydrants (closer than 5 m)',
    });
  });
});
