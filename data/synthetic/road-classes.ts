/**
 * Road classes and their travel speeds. No Chinese standard gives speeds by road class
 * (unconfirmed): these defaults are an assumption the app lets the user edit; where they come
 * from is docs/standards.md §3.
 */
import type { DemoCountyData } from './types';

export type { RoadClass } from '../../server/geo/roads/osm-highway';

const SOURCE = 'assumption: no Chinese standard gives speeds by road class (docs/standards.md §3)';

export const ROAD_CLASSES: DemoCountyData['roadClasses'] = [
  { class: 'national', nameZh: '国道', nameEn: 'National road', speedKmh: 60, rank: 1, source: SOURCE },
  { class: 'provincial', nameZh: '省道', nameEn: 'Provincial road', speedKmh: 60, rank: 2, source: SOURCE },
  { class: 'urban_arterial', nameZh: '城市主干路', nameEn: 'Urban arterial', speedKmh: 40, rank: 3, source: SOURCE },
  { class: 'county', nameZh: '县道', nameEn: 'County road', speedKmh: 45, rank: 4, source: SOURCE },
  { class: 'urban_collector', nameZh: '城市次干路', nameEn: 'Urban collector', speedKmh: 30, rank: 5, source: SOURCE },
  { class: 'township', nameZh: '乡道', nameEn: 'Township road', speedKmh: 35, rank: 6, source: SOURCE },
  { class: 'urban_local', nameZh: '城市支路', nameEn: 'Urban local street', speedKmh: 20, rank: 7, source: SOURCE },
  { class: 'village', nameZh: '村道', nameEn: 'Village road', speedKmh: 25, rank: 8, source: SOURCE },
];

export { osmRoadClass } from '../../server/geo/roads/osm-highway';
