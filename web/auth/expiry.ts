/**
 * The API client's fetch: a 401 from any /api call other than the sign-in itself means the
 * session ended (idle, expired or revoked); listeners (the session state) go back to sign-in.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const sessionAwareFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (res.status === 401 && !url.includes('/api/auth/login')) for (const l of listeners) l();
  return res;
};
