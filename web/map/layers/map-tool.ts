/**
 * What the measure and draw-polygon tools draw while they are active: the line or polygon so far
 * and its vertices, above everything else. The tool host (web/map/ToolHost.svelte) fills the
 * sources from `atlas.tool`; the module is not listed in the layers panel.
 */
import type { FeatureCollection } from 'geojson';
import { emptySource, type LayerModule } from '../layer-module';

export const toolColor = '#1864ab';
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const mapTool = {
  id: 'map-tool',
  title: 'tool.layer',
  sources: { 'map-tool': emptySource(), 'map-tool-points': emptySource() },
  layers: [
    {
      id: 'map-tool-fill',
      type: 'fill',
      source: 'map-tool',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': toolColor, 'fill-opacity': 0.15 },
    },
    {
      id: 'map-tool-line',
      type: 'line',
      source: 'map-tool',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': toolColor, 'line-width': 2.5, 'line-dasharray': [2, 1] },
    },
    {
      id: 'map-tool-vertex',
      type: 'circle',
      source: 'map-tool-points',
      paint: {
        'circle-radius': 4,
        'circle-color': '#ffffff',
        'circle-stroke-color': toolColor,
        'circle-stroke-width': 2,
      },
    },
  ],
  labels: [],
  interactive: [],
  legend: [],
  opacity: [],
  defaultVisible: false,
  lazy: true,
  listed: false,
  load: async () => ({ 'map-tool': empty, 'map-tool-points': empty }),
} satisfies LayerModule;
