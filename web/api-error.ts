/**
 * One reading of a failed request (issue 10 §4): the server's own message out of its
 * `{error:{code,message}}` body — which Hono's `parseResponse` keeps in `DetailedError.detail.data`
 * and shows only as "409 Conflict" — else the error's message. Every panel shows this.
 */

/** The server's error body, wherever a client put it. */
function serverError(err: unknown): { code?: string; message?: string } | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { detail?: { data?: unknown; error?: unknown }; body?: unknown };
  for (const body of [e.detail?.data, e.detail, e.body]) {
    const inner = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
    if (inner && typeof inner === 'object' && typeof (inner as { message?: unknown }).message === 'string') {
      return inner as { code?: string; message: string };
    }
  }
  return undefined;
}

/**
 * @example errorMessage(new DetailedError('409 Conflict', { detail: { data: { error: { code: 'conflict', message: 'proposals duplicate existing hydrants' } } } }))
 * // 'proposals duplicate existing hydrants'
 */
export function errorMessage(err: unknown): string {
  const server = serverError(err);
  if (server?.message) return server.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** An error shown next to the control that caused it: `at` names the control. */
export interface PlacedError {
  at: string;
  message: string;
}

export function placed(at: string, err: unknown): PlacedError {
  return { at, message: errorMessage(err) };
}
