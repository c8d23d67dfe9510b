/** County boundary (the focus county) and its neighbours: the frame of the offline basemap. */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { fetchLayer } from '../../api';
import { emptySource, fonts, type LayerModule } from '../layer-module';

interface CountyProps {
  id: string;
  adcode: string;
  name: string;
  focus: boolean;
}

const colors = {
  focusFill: '#fbf7ee',
  focusLine: '#a61e4d',
  neighbourFill: '#e6e3dc',
  neighbourLine: '#a8a293',
} as const;

const isFocus: ExpressionSpecification = ['==', ['get', 'focus'], true];

export const counties = {
  id: 'counties',
  title: 'layer.counties',
  sources: { counties: emptySource() },
  layers: [
    {
      id: 'counties-fill',
      type: 'fill',
      source: 'counties',
      paint: { 'fill-color': ['case', isFocus, colors.focusFill, colors.neighbourFill], 'fill-opacity': 1 },
    },
    {
      id: 'counties-line',
      type: 'line',
      source: 'counties',
      filter: ['!', isFocus],
      paint: { 'line-color': colors.neighbourLine, 'line-width': 1 },
    },
    {
      id: 'counties-focus-line',
      type: 'line',
      source: 'counties',
      filter: isFocus,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': colors.focusLine, 'line-width': 2.5, 'line-opacity': 0.85 },
    },
  ],
  labels: [
    {
      id: 'counties-label',
      type: 'symbol',
      source: 'counties',
      filter: ['!', isFocus],
      layout: { 'text-field': ['get', 'name'], 'text-font': fonts, 'text-size': 15 },
      paint: { 'text-color': '#7a7466', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ],
  interactive: [],
  legend: [
    {
      rows: [
        { label: 'legend.focusCounty', swatch: { shape: 'fill', color: colors.focusFill, stroke: colors.focusLine } },
        {
          label: 'legend.neighbour',
          swatch: { shape: 'fill', color: colors.neighbourFill, stroke: colors.neighbourLine },
        },
      ],
    },
  ],
  opacity: [{ layer: 'counties-fill', property: 'fill-opacity', base: 1 }],
  defaultVisible: true,
  lazy: false,
  load: async () => ({ counties: await fetchLayer<CountyProps>('counties') }),
} satisfies LayerModule;
