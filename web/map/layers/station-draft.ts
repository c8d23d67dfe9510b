/**
 * Hypothetical units of the scenario being drafted in the 站点覆盖 panel (clicked on the map),
 * drawn above every point layer so a new unit is never hidden under a site.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { emptySource, fonts, type LayerModule } from '../layer-module';

export const draftColor = '#7048e8';
/** A refused placement (beyond the off-road limit) and the nearest road point. */
export const refusedColor = '#e03131';
const role = (r: string): ExpressionSpecification => ['==', ['get', 'role'], r];
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const stationDraft = {
  id: 'station-draft',
  title: 'layer.stationDraft',
  sources: { 'station-draft': emptySource() },
  layers: [
    {
      id: 'station-draft-snap',
      type: 'line',
      source: 'station-draft',
      filter: ['any', role('snap'), role('refused-line')],
      paint: {
        'line-color': ['case', role('refused-line'), refusedColor, draftColor],
        'line-width': 2,
        'line-dasharray': [2, 2],
      },
    },
    {
      id: 'station-draft-refused',
      type: 'circle',
      source: 'station-draft',
      filter: ['any', role('refused'), role('nearest')],
      paint: {
        'circle-radius': ['case', role('refused'), 7, 5],
        'circle-color': ['case', role('refused'), '#ffffff', refusedColor],
        'circle-stroke-color': refusedColor,
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'station-draft-circle',
      type: 'circle',
      source: 'station-draft',
      filter: role('unit'),
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
      filter: role('unit'),
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
