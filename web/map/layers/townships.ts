/**
 * Township boundaries with labels at their seats. The fill is the selection mask: when a
 * township is chosen the others are greyed out, which also frames layers (roads, parks)
 * that have no township code to filter on.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import { fetchLayer } from '../../api';
import { onHover, townshipKey } from '../expressions';
import { emptySource, fonts, type LayerModule, type Props } from '../layer-module';

export interface TownshipProps {
  id: string;
  code: string;
  name: string;
  kind: '镇' | '乡';
  areaKm2: number;
  seat: [number, number];
}

const colors = { line: '#7048a8', selectedLine: '#3b1f6b', mask: '#495057', hover: '#7048a8' } as const;

const noneChosen: ExpressionSpecification = ['==', ['global-state', townshipKey], ''];
const isChosen: ExpressionSpecification = ['==', ['get', 'code'], ['global-state', townshipKey]];

/** Label points at the township seats (one per township, unlike polygon label placement per tile). */
function seats(fc: FeatureCollection): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const p = f.properties as TownshipProps;
      return {
        type: 'Feature',
        properties: { id: p.code, name: p.name },
        geometry: { type: 'Point', coordinates: p.seat },
      };
    }),
  };
}

export const townships = {
  id: 'townships',
  title: 'layer.townships',
  sources: { townships: emptySource(), 'township-seats': emptySource() },
  layers: [
    {
      id: 'townships-fill',
      type: 'fill',
      source: 'townships',
      paint: {
        'fill-color': ['case', noneChosen, colors.hover, isChosen, colors.hover, colors.mask],
        'fill-opacity': ['case', noneChosen, onHover(0.12, 0), isChosen, onHover(0.08, 0), 0.3],
      },
    },
    {
      id: 'townships-line',
      type: 'line',
      source: 'townships',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', isChosen, colors.selectedLine, colors.line],
        'line-width': ['case', isChosen, 3, 1.2],
        'line-dasharray': [4, 2],
        'line-opacity': 0.8,
      },
    },
  ],
  labels: [
    {
      id: 'townships-label',
      type: 'symbol',
      source: 'township-seats',
      layout: {
        'text-field': ['get', 'name'],
        'text-font': fonts,
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, 13, 13, 17],
        'text-allow-overlap': false,
        'symbol-sort-key': 0,
      },
      paint: { 'text-color': '#3b1f6b', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
  ],
  interactive: ['townships-fill'],
  legend: [
    { rows: [{ label: 'legend.township', swatch: { shape: 'line', color: colors.line, width: 1.5, dashed: true } }] },
  ],
  opacity: [{ layer: 'townships-line', property: 'line-opacity', base: 0.8 }],
  defaultVisible: true,
  lazy: false,
  load: async () => {
    const fc = await fetchLayer<TownshipProps>('townships');
    return { townships: fc, 'township-seats': seats(fc) };
  },
  popup: (raw: Props) => {
    const p = raw as unknown as TownshipProps;
    return {
      title: p.name,
      kind: `township.kind.${p.kind}`,
      rows: [
        ['field.code', p.code],
        ['field.area', { key: 'unit.km2', params: { value: p.areaKm2.toFixed(1) } }],
      ],
      township: p.code,
    };
  },
  search: (raw: Props) => {
    const p = raw as unknown as TownshipProps;
    return { name: p.name, code: p.code };
  },
} satisfies LayerModule;
