/**
 * The points (and a boundary import's polygons) of an import's preview (issue 12): what a commit
 * would do with each row, coloured by action, above the asset layers. Filled by the 数据导入 panel's state.
 */
import type { FeatureCollection } from 'geojson';
import { matchProp, onHover } from '../expressions';
import { emptySource, type LayerModule, type Props } from '../layer-module';

export const importActionColors = {
  insert: '#2f9e44',
  update: '#1c7ed6',
  unchanged: '#868e96',
  invalid: '#e03131',
} as const;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const importPreview = {
  id: 'import-preview',
  title: 'layer.importPreview',
  sources: { 'import-preview': emptySource() },
  layers: [
    // A boundary import's polygons, under its label points.
    {
      id: 'import-preview-fill',
      type: 'fill',
      source: 'import-preview',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': matchProp('action', importActionColors), 'fill-opacity': 0.18 },
    },
    {
      id: 'import-preview-line',
      type: 'line',
      source: 'import-preview',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': matchProp('action', importActionColors), 'line-width': 2 },
    },
    {
      id: 'import-preview-circle',
      type: 'circle',
      source: 'import-preview',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 14, 6, 17, 8],
        'circle-color': matchProp('action', importActionColors),
        'circle-stroke-color': onHover('#212529', '#ffffff'),
        'circle-stroke-width': 1.5,
      },
    },
  ],
  labels: [],
  interactive: ['import-preview-circle'],
  legend: [
    {
      prop: 'action',
      rows: (Object.keys(importActionColors) as (keyof typeof importActionColors)[]).map((action) => ({
        value: action,
        label: `import.legend.${action}` as const,
        swatch: { shape: 'circle' as const, color: importActionColors[action], stroke: '#ffffff' },
      })),
    },
  ],
  opacity: [],
  defaultVisible: false,
  lazy: true,
  listed: false,
  load: async () => ({ 'import-preview': empty }),
  popup: (p: Props) => ({
    title: String(p.code ?? `#${String(p.row)}`),
    kind: 'layer.importPreview',
    rows: [
      ['import.row', Number(p.row)],
      ['import.reason', { key: `import.legend.${String(p.action) as keyof typeof importActionColors}` }],
    ],
  }),
} satisfies LayerModule;
