/** Administrative villages (行政村) as small points with names at closer zoom. */
import { fetchLayer } from '../../api';
import { inTownship } from '../expressions';
import { emptySource, fonts, type LayerModule, type Props } from '../layer-module';

interface VillageProps {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  townshipCode: string;
}

const color = '#5c5f66';

export const villages = {
  id: 'villages',
  title: 'layer.villages',
  sources: { villages: emptySource() },
  layers: [
    {
      id: 'villages-dot',
      type: 'circle',
      source: 'villages',
      filter: inTownship(),
      minzoom: 10,
      paint: { 'circle-radius': 2, 'circle-color': color, 'circle-opacity': 0.6 },
    },
  ],
  labels: [
    {
      id: 'villages-label',
      type: 'symbol',
      source: 'villages',
      filter: inTownship(),
      minzoom: 12,
      layout: {
        'text-field': ['coalesce', ['get', 'shortName'], ['get', 'name']],
        'text-font': fonts,
        'text-size': 11,
        'text-offset': [0, 0.7],
        'text-anchor': 'top',
        'symbol-sort-key': 10,
      },
      paint: { 'text-color': color, 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    },
  ],
  interactive: [],
  legend: [{ rows: [{ label: 'legend.village', swatch: { shape: 'circle', color, radius: 2 } }] }],
  opacity: [],
  townshipProp: 'townshipCode',
  defaultVisible: true,
  lazy: false,
  load: async () => ({ villages: await fetchLayer<VillageProps>('villages') }),
  search: (raw: Props) => {
    const p = raw as unknown as VillageProps;
    return { name: p.name, code: p.code };
  },
} satisfies LayerModule;
