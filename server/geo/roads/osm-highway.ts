/**
 * Our road classes and the OSM `highway` → class mapping, shared by the demo generator (the
 * real county-seat ways, `data/synthetic/osm-roads.ts`) and the road import
 * (`server/geo/roads/`). Speeds live in the `road_classes` table (assumed speeds, docs/standards.md §3).
 */

export type RoadClass =
  | 'national'
  | 'provincial'
  | 'county'
  | 'township'
  | 'village'
  | 'urban_arterial'
  | 'urban_collector'
  | 'urban_local';

export const ROAD_CLASS_IDS: readonly RoadClass[] = [
  'national',
  'provincial',
  'county',
  'township',
  'village',
  'urban_arterial',
  'urban_collector',
  'urban_local',
];

export function isRoadClass(value: unknown): value is RoadClass {
  return typeof value === 'string' && (ROAD_CLASS_IDS as readonly string[]).includes(value);
}

/** OSM highway tag → class: trunk/primary are arterials, secondary/tertiary collectors, the rest local. */
export function osmRoadClass(highway: string): RoadClass {
  const base = highway.replace(/_link$/, '');
  if (base === 'trunk' || base === 'primary') return 'urban_arterial';
  if (base === 'secondary' || base === 'tertiary') return 'urban_collector';
  return 'urban_local';
}
