/** The search box's call (issue 14): GET /api/search, ranked hits with kind and position. */
import { parseResponse } from 'hono/client';
import { client } from './api';

export function fetchSearch(q: string, limit = 12) {
  return parseResponse(client.search.$get({ query: { q, limit: String(limit) } }));
}
export type SearchAnswer = Awaited<ReturnType<typeof fetchSearch>>;
export type SearchHit = SearchAnswer['hits'][number];
