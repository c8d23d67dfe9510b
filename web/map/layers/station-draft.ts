/**
 * Hypothetical units of the scenario being drafted in the 站点覆盖 panel (clicked on the map),
 * drawn above every point layer so a new unit is never hidden under a site.
 */
import type { FeatureCollection } from 'geojson';
import { emptySource, fonts, type LayerModule } from '../layer-module';

export const draftColor = '#7048e8';
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const stationDraft = {
  id: 'station-draft',
  title: 'layer.stationDraft',
  sources: { 'station-draft': emptySource() },
  layers: [
    {
      id: 'station-draft-circle',
      type: 'circle',
      source: 'station-draft',
      paint: {
        'circle-radius': 9,
        'circle-color': '#ffffff',
        'circle-stroke-color': draftColor,
        'circle-stroke-width': 3,
      },
    },
  ],
  labels: [
    {
      id: 'station-draft-label',
      type: 'symbol',
      source: 'station-draft',
      layout: {
        'text-field': ['get', 'name'],
        'text-font': fonts,
        'text-size': 12,
        'text-offset': [0, 1.3],
        'text-anchor': 'top',
        'text-allow-overlap': true,
      },
      paint: { 'text-color': draftColor, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ],
  interactive: [],
  legend: [
    { rows: [{ label: 'stations.hypothetical', swatch: { shape: 'circle', color: '#ffffff', stroke: draftColor } }] },
  ],
  opacity: [],
  defaultVisible: false,
  lazy: true,
  // an analysis panel's own layer: not part of the base map
  listed: false,
  load: async () => ({ 'station-draft': empty }),
} satisfies LayerModule;
