/**
 * The layers the import pipeline knows, by id. A new layer is one module beside this file and
 * one line here.
 */
import { countiesLayer } from './counties';
import { enforcementLayer } from './enforcement';
import { hazardsLayer } from './hazards';
import { hydrantsLayer } from './hydrants';
import { roadsLayer } from './roads';
import { sitesLayer } from './sites';
import { townshipsLayer } from './townships';
import type { ImportLayer } from './types';
import { unitsLayer } from './units';
import { villagesLayer } from './villages';

const LAYERS: readonly ImportLayer[] = [
  hydrantsLayer,
  unitsLayer,
  sitesLayer,
  hazardsLayer,
  enforcementLayer,
  countiesLayer,
  townshipsLayer,
  villagesLayer,
  roadsLayer,
];

export const IMPORT_LAYER_IDS = LAYERS.map((l) => l.id);

export function importLayer(id: string): ImportLayer | undefined {
  return LAYERS.find((l) => l.id === id);
}
