/** Parks and green space from OpenStreetMap (county seat): part of the offline basemap. */
import { fetchLayer } from '../../api';
import { emptySource, fonts, type LayerModule } from '../layer-module';

interface ParkProps {
  id: number;
  name: string | null;
}

const colors = { fill: '#c8e6c0', line: '#94c28a', text: '#2b6b2b' } as const;

export const parks = {
  id: 'parks',
  title: 'layer.parks',
  sources: { parks: emptySource() },
  layers: [
    {
      id: 'parks-fill',
      type: 'fill',
      source: 'parks',
      paint: { 'fill-color': colors.fill, 'fill-outline-color': colors.line, 'fill-opacity': 0.9 },
    },
  ],
  labels: [
    {
      id: 'parks-label',
      type: 'symbol',
      source: 'parks',
      minzoom: 14,
      layout: { 'text-field': ['get', 'name'], 'text-font': fonts, 'text-size': 11 },
      paint: { 'text-color': colors.text, 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    },
  ],
  interactive: [],
  legend: [{ rows: [{ label: 'legend.park', swatch: { shape: 'fill', color: colors.fill, stroke: colors.line } }] }],
  opacity: [{ layer: 'parks-fill', property: 'fill-opacity', base: 0.9 }],
  defaultVisible: true,
  lazy: false,
  load: async () => ({ parks: await fetchLayer<ParkProps>('parks') }),
} satisfies LayerModule;
