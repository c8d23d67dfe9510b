/**
 * Calls of the editing panel (issue 13) over the typed client: create, change (with the row's
 * version as If-Match), delete, and a hazard entered on a site.
 */
import type { Polygon } from 'geojson';
import { parseResponse } from 'hono/client';
import type { CreateBody, EditLayer, PatchBody } from '../../../server/schemas/asset-edit';
import type { HazardEntry } from '../../../server/schemas/hazard-entry';
import { client } from '../../api';

export type { EditLayer };

const endpoints = { units: client.units, hydrants: client.hydrants, sites: client.sites };
const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });

export function createAsset<L extends EditLayer>(layer: L, body: CreateBody<L>) {
  return parseResponse(endpoints[layer].$post({ json: body as never }));
}

export function patchAsset<L extends EditLayer>(layer: L, id: number, version: number, body: PatchBody<L>) {
  return parseResponse(
    endpoints[layer][':id'].$patch({ param: { id: String(id) }, json: body as never }, ifMatch(version)),
  );
}

export function deleteAsset(layer: EditLayer, id: number, version: number) {
  return parseResponse(endpoints[layer][':id'].$delete({ param: { id: String(id) } }, ifMatch(version)));
}

/** A township's new boundary (drawn on the map), with the township's version. */
export function patchTownshipBoundary(code: string, version: number, geom: Polygon, mode: 'replace' | 'add') {
  const coordinates = geom.coordinates.map((ring) => ring.map(([x = 0, y = 0]) => [x, y] as [number, number]));
  return parseResponse(
    client.townships[':id'].$patch(
      { param: { id: code }, json: { mode, geom: { type: 'Polygon', coordinates } } },
      ifMatch(version),
    ),
  );
}

export function enterHazard(body: HazardEntry) {
  return parseResponse(client.hazards.$post({ json: body }));
}
