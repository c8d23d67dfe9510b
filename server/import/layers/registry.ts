/**
 * The layers the import pipeline knows, by id. A new layer is one module beside this file and
 * one line here.
 */
import { countiesLayer } from './counties';
import { enforcementLayer } from './enforcement';
import { hazardsLayer } from './hazards';
import { hydrantsLayer } from './hydrants';
import { patrolsLayer } from './patrols';
import { roadsLayer } from './roads';
import { sitesLayer } from './sites';
import { townshipsLayer } from './townships';
import { trainingsLayer } from './trainings';
import type { ImportLayer } from './types';
import { unitsLayer } from './units';
import { villageVisitsLayer } from './village-visits';
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
// Township work records (issue 15): placed by their site, township, village or point.
const WORK: readonly ImportLayer[] = [patrolsLayer, trainingsLayer, villageVisitsLayer];
const ALL: readonly ImportLayer[] = [...LAYERS, ...WORK];

export const IMPORT_LAYER_IDS = ALL.map((l) => l.id);

export function importLayer(id: string): ImportLayer | undefined {
  return ALL.find((l) => l.id === id);
}
