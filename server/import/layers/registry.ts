/**
 * The layers the import pipeline knows, by id. A new layer is one module beside this file and
 * one line here.
 */
import { enforcementLayer } from './enforcement';
import { hazardsLayer } from './hazards';
import { hydrantsLayer } from './hydrants';
import { sitesLayer } from './sites';
import type { ImportLayer } from './types';
import { unitsLayer } from './units';

const LAYERS: readonly ImportLayer[] = [hydrantsLayer, unitsLayer, sitesLayer, hazardsLayer, enforcementLayer];

export const IMPORT_LAYER_IDS = LAYERS.map((l) => l.id);

export function importLayer(id: string): ImportLayer | undefined {
  return LAYERS.find((l) => l.id === id);
}
