/**
 * The ordered layer registry: bodies are drawn in this order (first = bottom), then every
 * module's labels in the same order, above all bodies (style.ts).
 */
import type { LayerData, LayerModule } from '../layer-module';
import { readPropertiesBySource, slimForMap } from '../map-properties';
import { counties } from './counties';
import { fireCall } from './fire-call';
import { hazardHeat } from './hazard-heat';
import { hazards } from './hazards';
import { hydrantPlan } from './hydrant-plan';
import { hydrantProposals } from './hydrant-proposals';
import { hydrants } from './hydrants';
import { importPreview } from './import-preview';
import { inspectionRoute } from './inspection-route';
import { mapTool } from './map-tool';
import { parks } from './parks';
import { roads } from './roads';
import { sites } from './sites';
import { stationCoverage } from './station-coverage';
import { stationDraft } from './station-draft';
import { townshipChoropleth } from './township-choropleth';
import { townships } from './townships';
import { units } from './units';
import { villages } from './villages';

export const registry: readonly LayerModule[] = [
  counties,
  parks,
  roads,
  townships,
  townshipChoropleth,
  stationCoverage,
  hazardHeat,
  villages,
  sites,
  hazards,
  hydrantPlan,
  hydrantProposals,
  hydrants,
  inspectionRoute,
  units,
  importPreview,
  stationDraft,
  fireCall,
  mapTool,
];

/** What each source's style layers read (map-properties.ts). */
const readProperties = readPropertiesBySource(registry.flatMap((m) => [...m.layers, ...m.labels]));

/**
 * A module's data as the map gets it: for the base layers (the API's, up to 15,500 features)
 * each source with only the properties its layers read; an analysis panel's own layer (small,
 * `listed: false`) as the panel made it.
 */
export function forMap(module: LayerModule, data: LayerData): LayerData {
  if (module.listed === false) return data;
  return Object.fromEntries(Object.entries(data).map(([id, fc]) => [id, slimForMap(fc, readProperties.get(id))]));
}
