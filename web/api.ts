/**
 * The one API client: Hono's `hc` over the server's exported route type, so a changed route
 * or response shape fails the web type check (DESIGN.md § Web). `parseResponse` returns the
 * typed 200 body and throws Hono's `DetailedError` (carrying our `{error}` body) otherwise.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { hc, parseResponse } from 'hono/client';
import type { ApiType } from '../server/app';
import type { StatMetric } from '../server/schemas/hazards';
import type { health } from '../server/services/health';
import { sessionAwareFetch } from './auth/expiry';

export type { StatMetric };

/** The typed client; topic modules (api-*.ts) build their calls on it. */
export const client = hc<ApiType>('/api', { fetch: sessionAwareFetch });

/** Engine, datasets and counts; signed-in map readers get them (others only `{ok:true}`). */
export type Health = Awaited<ReturnType<typeof health>>;
export async function fetchHealth(): Promise<Health | undefined> {
  const answer: object = await parseResponse(client.health.$get());
  return 'datasets' in answer ? (answer as Health) : undefined;
}

/** Layers served as FeatureCollections under /api/<layer>. */
const layerEndpoints = {
  counties: client.counties,
  townships: client.townships,
  villages: client.villages,
  roads: client.roads,
  parks: client.parks,
  units: client.units,
  hydrants: client.hydrants,
  sites: client.sites,
  hazards: client.hazards,
};
export type LayerEndpoint = keyof typeof layerEndpoints;

/**
 * A whole layer, unfiltered: the map filters in the style (STYLE.md §13). The server types
 * properties as GeoJSON's open object; `P` is the layer module's reading of them.
 */
export async function fetchLayer<P>(name: LayerEndpoint): Promise<FeatureCollection<Geometry, P>> {
  // The server sends the layer as prepared JSON text with an ETag (server/http/cached-json.ts), so
  // its type says string; parseResponse parses it by its content type. The browser's HTTP cache
  // revalidates it with If-None-Match (a 304 after the first load, until the data changes).
  const fc = await parseResponse(layerEndpoints[name].$get({ query: {} }));
  return fc as unknown as FeatureCollection<Geometry, P>;
}

/** One feature of a layer as the layer serves it (after an edit: the map is given just this one). */
export async function fetchLayerFeature(name: LayerEndpoint, id: string | number): Promise<Feature> {
  const feature = await parseResponse(layerEndpoints[name][':id'].$get({ param: { id: String(id) } }));
  return feature as unknown as Feature;
}

/** Query of the township statistics (周通报): a window and the metric to rank and class by. */
export interface StatsQuery {
  from: string;
  to: string;
  metric: StatMetric;
  /** The county ranked (adcode); absent = the focus county. */
  county?: string;
}

export function fetchTownshipStats(q: StatsQuery) {
  return parseResponse(client.stats.townships.$get({ query: q }));
}
export type TownshipStats = Awaited<ReturnType<typeof fetchTownshipStats>>;
export type TownshipStat = TownshipStats['townships'][number];
export type Metrics = TownshipStat['current'];

export function fetchTownshipTrend(code: string, q: { from: string; to: string; stepDays?: number }) {
  const query = { from: q.from, to: q.to, stepDays: String(q.stepDays ?? 7) };
  return parseResponse(client.stats.townships[':code'].trend.$get({ param: { code }, query }));
}
export type TownshipTrend = Awaited<ReturnType<typeof fetchTownshipTrend>>;

export function fetchHazardHeat(q: { state: 'all' | 'open'; from: string; to: string; county?: string }) {
  return parseResponse(client.hazards.heat.$get({ query: q }));
}
export type HazardHeat = Awaited<ReturnType<typeof fetchHazardHeat>>;

/** Download links of the ranking (.xlsx, CSV with BOM): plain URLs, the browser saves the file. */
export function statsExportUrl(ext: 'csv' | 'xlsx', q: StatsQuery): string {
  return `/api/stats/townships.${ext}?${new URLSearchParams({ ...q })}`;
}
