/**
 * The map gets only the properties its style layers read (web/map/map-properties.ts). The
 * walker's answer is checked against MapLibre's own expression engine: every filter, layout
 * and paint value of every registry layer is evaluated on a feature whose properties record
 * each read — no read may fall outside what the walker keeps.
 */
import {
  createPropertyExpression,
  featureFilter,
  type LayerSpecification,
  latest,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { registry } from '../../../web/map/layers';
import { readPropertiesBySource, slimForMap } from '../../../web/map/map-properties';
import { initialState } from '../../../web/map/style';

const layers = registry.flatMap((m) => [...m.layers, ...m.labels]);
const read = readPropertiesBySource(layers);
const defaults = Object.fromEntries(Object.entries(initialState(registry) ?? {}).map(([k, v]) => [k, v.default]));

/** A feature whose properties note each name read (`get` and `has` both go through the proxy). */
function recordingFeature(reads: Set<string>, value: unknown) {
  const properties = new Proxy({} as Record<string, unknown>, {
    get: (_, name) => {
      if (typeof name === 'string') reads.add(name);
      return value;
    },
    has: (_, name) => {
      if (typeof name === 'string') reads.add(name);
      return true;
    },
  });
  return { type: 1 as const, id: 1, properties, geometry: [] };
}

/** Every property a layer's filter, layout and paint read in MapLibre's engine, over zooms and value kinds. */
function readsOf(layer: LayerSpecification): Set<string> {
  const reads = new Set<string>();
  const kinds: Record<string, Record<string, StylePropertySpecification>> = latest as never;
  for (const value of ['x', 3, true]) {
    for (const zoom of [8, 11, 12, 14, 17, 18]) {
      const feature = recordingFeature(reads, value);
      if ('filter' in layer && layer.filter) {
        featureFilter(layer.filter, 'filter', defaults).filter({ zoom }, feature as never);
      }
      for (const part of ['layout', 'paint'] as const) {
        const values = (layer as Record<string, unknown>)[part] as Record<string, unknown> | undefined;
        for (const [name, v] of Object.entries(values ?? {})) {
          const spec = kinds[`${part}_${layer.type}`]?.[name];
          if (!spec) throw new Error(`${layer.id}: no spec for ${part} ${name}`);
          const expr = createPropertyExpression(v, name, spec, defaults);
          if (expr.result !== 'success') continue; // constants and tokens: the walker reads those itself
          try {
            expr.value.evaluate({ zoom }, feature as never, { hover: true });
            expr.value.evaluate({ zoom }, feature as never, {});
          } catch {
            // a value of the wrong type for this property: other kinds cover it
          }
        }
      }
    }
  }
  return reads;
}

describe('map properties', () => {
  // the engine warns of values of the wrong kind (a string where a colour goes): expected here
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('keeps every property a registry layer reads in MapLibre (no layer reads one the map lacks)', () => {
    let checked = 0;
    for (const layer of layers) {
      if (!('source' in layer) || typeof layer.source !== 'string') continue;
      const kept = read.get(layer.source);
      expect(kept, layer.id).toBeDefined();
      if (kept === 'all' || kept === undefined) continue;
      for (const name of readsOf(layer)) expect(kept.has(name), `${layer.id} reads ${name}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('sends the sites layer five properties of the API’s twelve (no address, floors, height, counts)', () => {
    expect(read.get('sites')).toEqual(new Set(['id', 'townshipCode', 'category', 'riskLevel', 'name']));
    expect(read.get('roads')).toEqual(new Set(['id', 'class', 'name']));
  });

  it('reads get, has and tokens, skips literals, and gives up on dynamic reads', () => {
    const at = (paint: object, filter?: unknown): LayerSpecification =>
      ({ id: 'a', type: 'circle', source: 's', paint, ...(filter ? { filter } : {}) }) as LayerSpecification;
    const one = (layer: LayerSpecification) => readPropertiesBySource([layer]).get('s');
    expect(one(at({ 'circle-color': ['match', ['get', 'kind'], 'a', '#000', '#fff'] }, ['has', 'name']))).toEqual(
      new Set(['id', 'kind', 'name']),
    );
    expect(one(at({ 'circle-radius': ['literal', ['get', 'no']] }))).toEqual(new Set(['id']));
    expect(
      readPropertiesBySource([{ id: 't', type: 'symbol', source: 's', layout: { 'text-field': '{name} {code}' } }]).get(
        's',
      ),
    ).toEqual(new Set(['id', 'name', 'code']));
    expect(one(at({ 'circle-radius': ['get', ['concat', 'r', 'adius']] }))).toBe('all');
    expect(one(at({ 'circle-radius': ['get', 'r', ['properties']] }))).toBe('all');
    expect(one(at({}, ['==', ['at', 0, ['properties']], 1]))).toBe('all');
  });

  it('slims features to the kept properties, keeping geometry and ids', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 7,
          geometry: { type: 'Point', coordinates: [1, 2] },
          properties: { id: 7, a: 1, b: '<script>' },
        },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [3, 4] }, properties: null },
      ],
    };
    const slim = slimForMap(fc, new Set(['id', 'a', 'missing']));
    expect(slim.features).toEqual([
      { type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [1, 2] }, properties: { id: 7, a: 1 } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3, 4] }, properties: {} },
    ]);
    expect(slim.features[0]?.geometry).toBe(fc.features[0]?.geometry);
    expect(slimForMap(fc, 'all')).toBe(fc);
    expect(slimForMap(fc, undefined)).toBe(fc);
  });
});
