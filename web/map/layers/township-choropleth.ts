/**
 * Townships coloured by a hazard metric (issue 6, 隐患密度). The class of each township comes
 * from the server's breaks (quantile or natural); the hazard-density state joins it onto the
 * township outlines and replaces this module's data whole, so the paint is one `match` on
 * `class` and the legend reads the same colour table.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import type { MessageKey } from '../../i18n';
import { townshipKey } from '../expressions';
import { emptySource, type LayerModule } from '../layer-module';

/** Sequential reds, low → high (ColorBrewer Reds, 5 classes). */
export const choroplethColors = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'] as const;
/** Legend labels of the classes, index for index with the colours. */
export const classLabels: readonly MessageKey[] = [
  'density.class.0',
  'density.class.1',
  'density.class.2',
  'density.class.3',
  'density.class.4',
];
/** Townships without a value (a rate with nothing to divide by). */
export const noValueColor = '#ced4da';

/** Properties of one choropleth feature as the hazard-density state builds them. */
export interface ChoroplethProps {
  id: string;
  code: string;
  name: string;
  value: number | null;
  /** 0-based class under the chosen breaks, -1 without a value. */
  class: number;
  rank: number;
}

const isChosen: ExpressionSpecification = ['==', ['get', 'code'], ['global-state', townshipKey]];
const classColor = [
  'match',
  ['get', 'class'],
  ...choroplethColors.flatMap((c, i) => [i, c]),
  noValueColor,
] as unknown as ExpressionSpecification;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const townshipChoropleth = {
  id: 'township-choropleth',
  title: 'layer.townshipChoropleth',
  sources: { 'township-choropleth': emptySource() },
  layers: [
    {
      id: 'township-choropleth-fill',
      type: 'fill',
      source: 'township-choropleth',
      paint: { 'fill-color': classColor, 'fill-opacity': 0.7 },
    },
    {
      id: 'township-choropleth-line',
      type: 'line',
      source: 'township-choropleth',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', isChosen, '#212529', '#ffffff'],
        'line-width': ['case', isChosen, 3, 1],
      },
    },
  ],
  labels: [],
  // Clicks fall through to the township outlines below, which choose the township.
  interactive: [],
  legend: [
    {
      title: 'density.legend',
      rows: [
        ...choroplethColors.map((color, i) => ({
          label: classLabels[i] ?? ('density.noValue' as const),
          swatch: { shape: 'fill' as const, color, stroke: '#ffffff' },
        })),
        { label: 'density.noValue', swatch: { shape: 'fill', color: noValueColor, stroke: '#ffffff' } },
      ],
    },
  ],
  opacity: [{ layer: 'township-choropleth-fill', property: 'fill-opacity', base: 0.7 }],
  defaultVisible: false,
  lazy: true,
  // an analysis panel's own layer: not part of the base map
  listed: false,
  // The data is the statistics of a window: the hazard-density state fills it.
  load: async () => ({ 'township-choropleth': empty }),
} satisfies LayerModule;
