/**
 * Numbered proposal markers and what-if markers of the 消火栓规划 panel (issue 5), above the
 * circles of hydrant-plan.ts and below the hydrants and unit symbols. Filled by the panel's state.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { matchProp, onHover } from '../expressions';
import { emptySource, fonts, type LayerModule, type Props } from '../layer-module';
import { proposalColor, whatIfColor } from './hydrant-plan';

/** Marker fill by the proposal's state in the working set. */
export const proposalStateColors = { pending: proposalColor, accepted: '#1864ab', rejected: '#adb5bd' } as const;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const highlighted: ExpressionSpecification = ['==', ['get', 'highlight'], true];

export const hydrantProposals = {
  id: 'hydrant-proposals',
  title: 'layer.hydrantProposals',
  sources: { 'hydrant-proposals': emptySource(), 'hydrant-proposals-whatif': emptySource() },
  layers: [
    {
      id: 'hydrant-proposals-circle',
      type: 'circle',
      source: 'hydrant-proposals',
      paint: {
        'circle-radius': ['case', highlighted, 14, 10],
        'circle-color': matchProp('state', proposalStateColors),
        'circle-stroke-color': onHover('#212529', ['case', highlighted, '#212529', '#ffffff']),
        'circle-stroke-width': ['case', highlighted, 3, 2],
      },
    },
    {
      id: 'hydrant-proposals-whatif',
      type: 'circle',
      source: 'hydrant-proposals-whatif',
      paint: {
        'circle-radius': ['match', ['get', 'kind'], 'faulty', 11, 7],
        'circle-color': ['match', ['get', 'kind'], 'faulty', 'rgba(0,0,0,0)', whatIfColor],
        'circle-stroke-color': ['match', ['get', 'kind'], 'faulty', '#e03131', '#ffffff'],
        'circle-stroke-width': ['match', ['get', 'kind'], 'faulty', 3, 2],
      },
    },
  ],
  labels: [
    {
      id: 'hydrant-proposals-rank-label',
      type: 'symbol',
      source: 'hydrant-proposals',
      layout: {
        'text-field': ['to-string', ['get', 'rank']],
        'text-font': fonts,
        'text-size': ['case', highlighted, 14, 12],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'hydrant-proposals-whatif-label',
      type: 'symbol',
      source: 'hydrant-proposals-whatif',
      layout: {
        'text-field': ['match', ['get', 'kind'], 'faulty', '✕', ''],
        'text-font': fonts,
        'text-size': 13,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#e03131', 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
    },
  ],
  interactive: ['hydrant-proposals-circle'],
  legend: [
    {
      rows: [
        {
          label: 'hydrants.legend.proposal',
          swatch: { shape: 'circle', color: proposalStateColors.pending, stroke: '#ffffff', radius: 7 },
        },
        {
          label: 'hydrants.legend.accepted',
          swatch: { shape: 'circle', color: proposalStateColors.accepted, stroke: '#ffffff', radius: 7 },
        },
        {
          label: 'hydrants.legend.rejected',
          swatch: { shape: 'circle', color: proposalStateColors.rejected, stroke: '#ffffff', radius: 7 },
        },
        { label: 'hydrants.legend.whatIf', swatch: { shape: 'circle', color: whatIfColor, stroke: '#ffffff' } },
        { label: 'hydrants.legend.faulty', swatch: { shape: 'circle', color: '#ffffff', stroke: '#e03131' } },
      ],
    },
  ],
  opacity: [],
  defaultVisible: false,
  lazy: true,
  // an analysis panel's own layer: not part of the base map
  listed: false,
  load: async () => ({ 'hydrant-proposals': empty, 'hydrant-proposals-whatif': empty }),
  popup: (p: Props) => ({
    title: `#${String(p.rank)}`,
    kind: 'hydrants.proposal',
    rows: [
      ['hydrants.rank', Number(p.rank)],
      ['hydrants.township', (p.township as string | null) ?? null],
      ['field.road', (p.roadName as string | null) ?? null],
      ['hydrants.gainSites', Number(p.gainSites)],
      ['hydrants.gainRoad', { key: 'unit.m', params: { value: Math.round(Number(p.gainRoadM)) } }],
      ['hydrants.plannedCode', (p.code as string | null) ?? null],
    ],
  }),
} satisfies LayerModule;
