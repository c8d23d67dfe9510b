/** The current row a 409 carries (someone else saved first), out of the server's error body. */
import type { Feature } from 'geojson';

export function conflictRow(err: unknown): Feature | undefined {
  const data = (err as { detail?: { data?: { error?: { code?: string; details?: { current?: unknown } } } } })?.detail
    ?.data;
  const current = data?.error?.code === 'conflict' ? data.error.details?.current : undefined;
  return current && typeof current === 'object' && (current as Feature).type === 'Feature'
    ? (current as Feature)
    : undefined;
}
