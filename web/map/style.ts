/**
 * The whole map style as a pure function of the layer registry (STYLE.md §10), validated in
 * tests/unit/web/style.test.ts. No `glyphs` and no `sprite`: labels are drawn from local
 * fonts and unit symbols on a canvas, so the default map makes no request off the machine.
 */
import type { SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { background } from './basemap';
import { defaultState, hiddenKey } from './expressions';
import type { LayerModule } from './layer-module';

/** Global-state defaults: no township chosen; legend classes hidden only where a module says so. */
export function initialState(modules: readonly LayerModule[]): StyleSpecification['state'] {
  const state = defaultState(
    modules.flatMap((m) => m.legend.flatMap((g) => (g.prop ? [hiddenKey(m.id, g.prop)] : []))),
  );
  for (const m of modules) {
    for (const g of m.legend) {
      if (g.prop && g.hiddenByDefault) state[hiddenKey(m.id, g.prop)] = { default: g.hiddenByDefault };
    }
  }
  return state;
}

/** The style; `data` fills GeoJSON sources from the start (the map's first tiles are cut with it). */
export function buildStyle(
  modules: readonly LayerModule[],
  data: Readonly<Record<string, FeatureCollection>> = {},
): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  for (const m of modules) {
    for (const [id, source] of Object.entries(m.sources))
      sources[id] = data[id] ? { ...source, data: data[id] } : source;
  }
  // Layers of modules that start off are in the style from the start, hidden, so draw order never changes.
  const startHidden = <L extends { layout?: object }>(m: LayerModule, layer: L): L =>
    m.defaultVisible ? layer : { ...layer, layout: { ...layer.layout, visibility: 'none' } };
  return {
    version: 8,
    name: 'fireatlas',
    // No paint transitions: a change shows in the next frame. Each eased frame costs a software-GL
    // laptop 150–400 ms, and the first idle waited for the start layers' 300 ms fades.
    transition: { duration: 0, delay: 0 },
    state: initialState(modules),
    sources,
    layers: [
      background,
      ...modules.flatMap((m) => m.layers.map((l) => startHidden(m, l))),
      ...modules.flatMap((m) => m.labels.map((l) => startHidden(m, l))),
    ],
  };
}
