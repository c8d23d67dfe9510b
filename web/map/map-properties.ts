/**
 * The feature properties MapLibre needs: only those the style's expressions read. The worker
 * encodes every property of every feature into each tile it cuts (the largest part of its work
 * at county zoom: 15,500 sites with names and addresses), while popups, search and legend counts
 * read the full properties kept on the main thread (`LayerState.byId`), so the map gets a slim
 * copy. Which properties a layer reads is found by walking its filter, layout and paint — no
 * list is kept by hand, so a new expression can never lose the property it reads.
 */
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection } from 'geojson';

/** The properties read from one source's features, or `'all'` when an expression reads them dynamically. */
export type ReadProperties = ReadonlySet<string> | 'all';

/** Collects the property names an expression (or any style value) reads into `into`; false = unknowable. */
function collect(value: unknown, into: Set<string>): boolean {
  if (typeof value === 'string') {
    // legacy token strings ("{name}") in text-field / icon-image read a property too
    for (const m of value.matchAll(/\{([^{}]+)\}/g)) if (m[1]) into.add(m[1]);
    return true;
  }
  if (!Array.isArray(value)) {
    if (value && typeof value === 'object') return Object.values(value).every((v) => collect(v, into));
    return true;
  }
  const [op, arg, ...rest] = value;
  if (op === 'properties') return false;
  if (op === 'get' || op === 'has') {
    if (typeof arg !== 'string' || rest.length > 0) return false;
    into.add(arg);
    return true;
  }
  if (op === 'literal') return true;
  return value.every((v) => collect(v, into));
}

/** Per source id: the properties its layers read (`promoteId` 'id' is always kept). */
export function readPropertiesBySource(layers: readonly LayerSpecification[]): Map<string, ReadProperties> {
  const bySource = new Map<string, ReadProperties>();
  for (const layer of layers) {
    if (!('source' in layer) || typeof layer.source !== 'string') continue;
    const current = bySource.get(layer.source) ?? new Set(['id']);
    if (current === 'all') continue;
    const names = new Set(current);
    const known = [
      'filter' in layer ? layer.filter : undefined,
      'layout' in layer ? layer.layout : undefined,
      'paint' in layer ? layer.paint : undefined,
    ].every((part) => collect(part, names));
    bySource.set(layer.source, known ? names : 'all');
  }
  return bySource;
}

/** The features with only `keep` among their properties (geometry and feature ids as they are). */
export function slimForMap(fc: FeatureCollection, keep: ReadProperties | undefined): FeatureCollection {
  if (keep === undefined || keep === 'all') return fc;
  const names = [...keep];
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f): Feature => {
      const from = f.properties ?? {};
      const properties: Record<string, unknown> = {};
      for (const name of names) if (name in from) properties[name] = from[name];
      return f.id === undefined
        ? { type: 'Feature', geometry: f.geometry, properties }
        : { type: 'Feature', id: f.id, geometry: f.geometry, properties };
    }),
  };
}
