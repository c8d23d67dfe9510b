/** Roads by class: casing under a coloured line, width by class and zoom; names along the line. */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { fetchLayer } from '../../api';
import { matchProp, notHidden } from '../expressions';
import { emptySource, fonts, type LayerModule, type Props } from '../layer-module';

const classes = [
  'national',
  'provincial',
  'county',
  'urban_arterial',
  'urban_collector',
  'township',
  'urban_local',
  'village',
] as const;
type RoadClass = (typeof classes)[number];

interface RoadProps {
  id: number;
  class: RoadClass;
  name: string | null;
  oneway: boolean;
  speedKmh: number;
  lengthM: number;
}

/** Fill colour per class, in the usual Chinese map convention: trunk roads warm, minor white. */
const colors: Record<RoadClass, string> = {
  national: '#f08c00',
  provincial: '#fab005',
  county: '#ffd43b',
  urban_arterial: '#ffa94d',
  urban_collector: '#ffe066',
  township: '#ffffff',
  urban_local: '#ffffff',
  village: '#ffffff',
};
/** Width in pixels at zoom 15; lower zooms scale it down. */
const widths: Record<RoadClass, number> = {
  national: 9,
  provincial: 8,
  county: 6.5,
  urban_arterial: 8,
  urban_collector: 6,
  township: 5,
  urban_local: 4,
  village: 3,
};
const casing = '#b8ab95';

function width(scale: number): ExpressionSpecification {
  const at = (factor: number): ExpressionSpecification => ['*', factor * scale, matchProp('class', widths, 3)];
  return ['interpolate', ['exponential', 1.6], ['zoom'], 9, at(0.15), 12, at(0.4), 15, at(1), 18, at(2.5)];
}

const shown = notHidden('roads', 'class');
/** Village roads and urban local streets appear from this zoom. */
const minorZoom = 11;
const visibleAtZoom: ExpressionSpecification = [
  'any',
  ['>=', ['zoom'], minorZoom],
  ['!', ['in', ['get', 'class'], ['literal', ['village', 'urban_local']]]],
];

export const roads = {
  id: 'roads',
  title: 'layer.roads',
  sources: { roads: emptySource() },
  layers: [
    {
      id: 'roads-casing',
      type: 'line',
      source: 'roads',
      filter: ['all', shown, visibleAtZoom],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': casing, 'line-width': width(1.35) },
    },
    {
      id: 'roads-line',
      type: 'line',
      source: 'roads',
      filter: ['all', shown, visibleAtZoom],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': matchProp('class', colors), 'line-width': width(1) },
    },
  ],
  labels: [
    {
      id: 'roads-label',
      type: 'symbol',
      source: 'roads',
      filter: ['all', shown, ['has', 'name']],
      minzoom: 13,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': fonts,
        'text-size': 11,
        'symbol-sort-key': 20,
      },
      paint: { 'text-color': '#5c4b2e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ],
  interactive: ['roads-line'],
  legend: [
    {
      prop: 'class',
      rows: classes.map((c) => ({
        value: c,
        label: `road.${c}` as const,
        swatch: { shape: 'line' as const, color: colors[c], width: Math.max(2, widths[c] / 2) },
      })),
    },
  ],
  opacity: [],
  defaultVisible: true,
  lazy: false,
  load: async () => ({ roads: await fetchLayer<RoadProps>('roads') }),
  popup: (raw: Props) => {
    const p = raw as unknown as RoadProps;
    return {
      title: p.name ?? '',
      kind: `road.${p.class}`,
      rows: [
        ['field.roadClass', { key: `road.${p.class}` }],
        ['field.speed', { key: 'unit.kmh', params: { value: p.speedKmh } }],
        ['field.length', { key: 'unit.m', params: { value: Math.round(p.lengthM) } }],
        ['field.oneway', { key: p.oneway ? 'value.yes' : 'value.no' }],
      ],
    };
  },
} satisfies LayerModule;
