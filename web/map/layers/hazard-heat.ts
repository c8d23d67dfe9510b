/**
 * Heat map of hazards (issue 6): one point per site weighted by its hazards, either all found
 * in the window or those still open at its end. The hazard-density state fills the data.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { byZoom } from '../expressions';
import type { LayerModule } from '../layer-module';

/** Density ramp, transparent → yellow → red; the legend shows the same stops. */
export const heatStops = [
  [0.2, '#ffffb2'],
  [0.4, '#fecc5c'],
  [0.6, '#fd8d3c'],
  [0.8, '#f03b20'],
  [1, '#bd0026'],
] as const;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const hazardHeat = {
  id: 'hazard-heat',
  title: 'layer.hazardHeat',
  sources: { 'hazard-heat': { type: 'geojson', data: empty } },
  layers: [
    {
      id: 'hazard-heat',
      type: 'heatmap',
      source: 'hazard-heat',
      paint: {
        // `n` hazards at the site; a site with 4 counts as much as 4 sites with one
        'heatmap-weight': ['interpolate', ['linear'], ['get', 'n'], 0, 0, 4, 1],
        'heatmap-intensity': byZoom([9, 0.6], [15, 2]),
        'heatmap-radius': byZoom([9, 6], [13, 18], [16, 30]),
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(255,255,178,0)',
          ...heatStops.flat(),
        ] as unknown as ExpressionSpecification,
        'heatmap-opacity': 0.8,
      },
    },
  ],
  labels: [],
  interactive: [],
  legend: [
    {
      rows: [
        { label: 'density.heatLow', swatch: { shape: 'fill', color: heatStops[0][1], stroke: heatStops[0][1] } },
        { label: 'density.heatHigh', swatch: { shape: 'fill', color: heatStops[4][1], stroke: heatStops[4][1] } },
      ],
    },
  ],
  opacity: [],
  defaultVisible: false,
  lazy: true,
  // an analysis panel's own layer: not part of the base map
  listed: false,
  load: async () => ({ 'hazard-heat': empty }),
} satisfies LayerModule;
