/**
 * The 巡检 panel's map (issue 13): the overdue hydrants (red rings, clickable to inspect) and the
 * inspection run — its numbered stops, the start and the visiting order as thin straight legs.
 * Filled by the panel (web/panels/inspections/); not listed in the layers panel.
 */
import type { FeatureCollection } from 'geojson';
import { emptySource, fonts, type LayerModule } from '../layer-module';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const overdueColor = '#e03131';
const routeColor = '#5f3dc4';

export const inspectionRoute = {
  id: 'inspection-route',
  title: 'inspect.route',
  sources: { 'inspection-route': emptySource(), 'inspection-due': emptySource() },
  layers: [
    {
      id: 'inspection-route-line',
      type: 'line',
      source: 'inspection-route',
      filter: ['==', ['get', 'role'], 'order'],
      paint: { 'line-color': routeColor, 'line-width': 2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'inspection-due-circle',
      type: 'circle',
      source: 'inspection-due',
      paint: {
        'circle-radius': 6,
        'circle-color': '#ffffff',
        'circle-stroke-color': overdueColor,
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'inspection-route-stop',
      type: 'circle',
      source: 'inspection-route',
      filter: ['in', ['get', 'role'], ['literal', ['stop', 'start']]],
      paint: {
        'circle-radius': ['match', ['get', 'role'], 'start', 9, 8],
        'circle-color': ['match', ['get', 'role'], 'start', '#212529', routeColor],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ],
  labels: [
    {
      id: 'inspection-route-seq-label',
      type: 'symbol',
      source: 'inspection-route',
      filter: ['==', ['get', 'role'], 'stop'],
      layout: {
        'text-field': ['to-string', ['get', 'seq']],
        'text-font': fonts,
        'text-size': 10,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ],
  interactive: [],
  legend: [],
  opacity: [],
  defaultVisible: false,
  lazy: true,
  listed: false,
  load: async () => ({ 'inspection-route': empty, 'inspection-due': empty }),
} satisfies LayerModule;
