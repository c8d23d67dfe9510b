/**
 * The one API client: Hono's `hc` over the server's exported route type, so a changed route
 * or response shape fails the web type check (DESIGN.md § Web). `parseResponse` returns the
 * typed 200 body and throws Hono's `DetailedError` (carrying our `{error}` body) otherwise.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { hc, parseResponse } from 'hono/client';
import type { ApiType } from '../server/app';

const client = hc<ApiType>('/api');

export function fetchHealth() {
  return parseResponse(client.health.$get());
}
export type Health = Awaited<ReturnType<typeof fetchHealth>>;

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
type LayerEndpoint = keyof typeof layerEndpoints;

/**
 * A whole layer, unfiltered: the map filters in the style (STYLE.md §13). The server types
 * properties as GeoJSON's open object; `P` is the layer module's reading of them.
 */
export async function fetchLayer<P>(name: LayerEndpoint): Promise<FeatureCollection<Geometry, P>> {
  const fc = await parseResponse(layerEndpoints[name].$get({ query: {} }));
  return fc as FeatureCollection<Geometry, P>;
}
