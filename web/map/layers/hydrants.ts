/** Hydrants and other water sources, coloured by status; planned ones drawn hollow. */
import type { hydrantKind, hydrantStatus } from '../../../db/schema';
import { fetchLayer } from '../../api';
import { all, byZoom, inTownship, matchProp, notHidden, onHover } from '../expressions';
import { emptySource, fonts, type LayerModule, type Props } from '../layer-module';

type HydrantKind = (typeof hydrantKind.enumValues)[number];
type HydrantStatus = (typeof hydrantStatus.enumValues)[number];

interface HydrantProps {
  id: number;
  code: string;
  kind: HydrantKind;
  status: HydrantStatus;
  flowLps: number | null;
  pressureMpa: number | null;
  installedOn: string | null;
  lastInspectedOn: string | null;
  roadName: string | null;
  townshipCode: string;
}

const statusColors: Record<HydrantStatus, string> = {
  ok: '#1971c2',
  faulty: '#f08c00',
  out_of_service: '#e03131',
  planned: '#ffffff',
};
const statusStroke: Record<HydrantStatus, string> = {
  ok: '#ffffff',
  faulty: '#ffffff',
  out_of_service: '#ffffff',
  planned: '#1971c2',
};
const kinds: HydrantKind[] = ['municipal', 'site', 'water_crane', 'natural'];

const shown = all(inTownship(), notHidden('hydrants', 'status'), notHidden('hydrants', 'kind'));

export const hydrants = {
  id: 'hydrants',
  title: 'layer.hydrants',
  sources: { hydrants: emptySource() },
  layers: [
    {
      id: 'hydrants-circle',
      type: 'circle',
      source: 'hydrants',
      filter: shown,
      paint: {
        'circle-radius': byZoom([9, 2], [12, 3.5], [14, 5], [17, 8]),
        'circle-color': matchProp('status', statusColors),
        'circle-stroke-color': onHover('#212529', matchProp('status', statusStroke)),
        'circle-stroke-width': onHover(3, 1.2),
      },
    },
  ],
  labels: [
    {
      id: 'hydrants-label',
      type: 'symbol',
      source: 'hydrants',
      filter: shown,
      minzoom: 16,
      layout: {
        'text-field': ['get', 'code'],
        'text-font': fonts,
        'text-size': 11,
        'text-offset': [0, 1],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': '#1864ab', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ],
  interactive: ['hydrants-circle'],
  legend: [
    {
      prop: 'status',
      title: 'field.status',
      rows: (Object.keys(statusColors) as HydrantStatus[]).map((status) => ({
        value: status,
        label: `hydrantStatus.${status}` as const,
        swatch: { shape: 'circle' as const, color: statusColors[status], stroke: statusStroke[status] },
      })),
    },
    {
      prop: 'kind',
      title: 'field.kind',
      rows: kinds.map((kind) => ({
        value: kind,
        label: `hydrantKind.${kind}` as const,
        swatch: { shape: 'circle' as const, color: statusColors.ok, stroke: statusStroke.ok },
      })),
    },
  ],
  opacity: [],
  townshipProp: 'townshipCode',
  defaultVisible: true,
  lazy: false,
  load: async () => ({ hydrants: await fetchLayer<HydrantProps>('hydrants') }),
  popup: (raw: Props) => {
    const p = raw as unknown as HydrantProps;
    return {
      title: p.code,
      kind: `hydrantKind.${p.kind}`,
      rows: [
        ['field.code', p.code],
        ['field.kind', { key: `hydrantKind.${p.kind}` }],
        ['field.status', { key: `hydrantStatus.${p.status}` }],
        ['field.flow', p.flowLps == null ? null : { key: 'unit.lps', params: { value: p.flowLps } }],
        ['field.pressure', p.pressureMpa == null ? null : { key: 'unit.mpa', params: { value: p.pressureMpa } }],
        ['field.installedOn', p.installedOn],
        ['field.lastInspectedOn', p.lastInspectedOn],
        ['field.road', p.roadName],
      ],
    };
  },
  search: (raw: Props) => {
    const p = raw as unknown as HydrantProps;
    return { name: p.roadName ?? '', code: p.code };
  },
} satisfies LayerModule;
