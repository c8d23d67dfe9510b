/**
 * The response-time surface, isochrones and gaps of the 站点覆盖 panel (issue 4). The panel's
 * state fills the data from /api/coverage/stations; this module only draws it.
 */
import type { FeatureCollection } from 'geojson';
import { emptySource, type LayerModule } from '../layer-module';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const stationCoverage = {
  id: 'station-coverage',
  title: 'layer.stationCoverage',
  sources: { 'station-coverage': emptySource() },
  layers: [
    {
      id: 'station-coverage-fill',
      type: 'fill',
      source: 'station-coverage',
      paint: { 'fill-color': '#4c6ef5', 'fill-opacity': 0.4 },
    },
  ],
  labels: [],
  interactive: [],
  legend: [],
  opacity: [{ layer: 'station-coverage-fill', property: 'fill-opacity', base: 0.4 }],
  defaultVisible: false,
  lazy: true,
  load: async () => ({ 'station-coverage': empty }),
} satisfies LayerModule;
