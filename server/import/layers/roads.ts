/**
 * Roads (道路): the county's road network from an OpenStreetMap extract or a GeoJSON of lines,
 * through the road import (tag mapping, clipping to the county, noding — server/geo/roads/), as
 * a layer of the import pipeline: a preview, a commit that replaces the county's roads, an undo
 * that puts the old network back. No columns to map: the tags are the OSM ones.
 */
import type { ImportLayer } from './types';

export const roadsLayer: ImportLayer = {
  id: 'roads',
  zh: '道路',
  en: 'Roads',
  table: 'roads',
  townshipRequired: false,
  duplicateM: 0,
  geometry: 'network',
  key: { kind: 'natural', columns: [] },
  fields: [],
};
