/**
 * Protection circles, uncovered sites, gap stretches and proposal / what-if circles of the
 * 消火栓规划 panel (issue 5). Circles are real polygons in metres built by the panel's state
 * (web/panels/hydrant-planning/hydrant-planning.svelte.ts), never pixel circles; this module only draws them.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { byZoom, matchNumber } from '../expressions';
import { emptySource, type LayerModule } from '../layer-module';

export const circleColor = '#1c7ed6';
export const proposalColor = '#2b8a3e';
export const whatIfColor = '#e8590c';
/** Uncovered sites by risk level, 4 (high) first. */
export const uncoveredRiskColors: Record<number, string> = { 4: '#c92a2a', 3: '#f76707', 2: '#f59f00', 1: '#868e96' };
/** Street stretches: outside every circle, or between hydrants more than 120 m apart. */
export const stretchColors = { uncovered: '#e03131', spacing_gap: '#862e9c' } as const;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const highlighted: ExpressionSpecification = ['==', ['get', 'highlight'], true];

export const hydrantPlan = {
  id: 'hydrant-plan',
  title: 'layer.hydrantPlan',
  sources: {
    'hydrant-plan': emptySource(),
    'hydrant-plan-stretches': emptySource(),
    'hydrant-plan-uncovered': emptySource(),
    'hydrant-plan-proposal-circles': emptySource(),
    'hydrant-plan-whatif-circles': emptySource(),
    'hydrant-plan-area': emptySource(),
  },
  layers: [
    {
      // the plan area drawn on the map (draw-polygon tool): proposals only inside it
      id: 'hydrant-plan-area-line',
      type: 'line',
      source: 'hydrant-plan-area',
      paint: { 'line-color': proposalColor, 'line-width': 2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'hydrant-plan-circles',
      type: 'fill',
      source: 'hydrant-plan',
      paint: { 'fill-color': circleColor, 'fill-opacity': 0.07 },
    },
    {
      id: 'hydrant-plan-circles-line',
      type: 'line',
      source: 'hydrant-plan',
      minzoom: 12,
      paint: { 'line-color': circleColor, 'line-width': byZoom([12, 0.4], [16, 0.9]), 'line-opacity': 0.55 },
    },
    {
      id: 'hydrant-plan-stretches-casing',
      type: 'line',
      source: 'hydrant-plan-stretches',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': byZoom([10, 2.5], [16, 7]), 'line-opacity': 0.9 },
    },
    {
      id: 'hydrant-plan-stretches',
      type: 'line',
      source: 'hydrant-plan-stretches',
      filter: ['==', ['get', 'kind'], 'uncovered'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': stretchColors.uncovered, 'line-width': byZoom([10, 1.5], [16, 4.5]) },
    },
    {
      id: 'hydrant-plan-gaps',
      type: 'line',
      source: 'hydrant-plan-stretches',
      filter: ['==', ['get', 'kind'], 'spacing_gap'],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': stretchColors.spacing_gap,
        'line-width': byZoom([10, 1.5], [16, 4]),
        'line-dasharray': [2, 1.2],
      },
    },
    {
      id: 'hydrant-plan-uncovered',
      type: 'circle',
      source: 'hydrant-plan-uncovered',
      // County zoom: only high risk (level ≥ 3); from zoom 12 every uncovered site.
      filter: ['any', ['>=', ['zoom'], 12], ['>=', ['to-number', ['get', 'riskLevel']], 3]],
      paint: {
        'circle-radius': byZoom([9, 2.6], [12, 3.5], [15, 5.5], [17, 7]),
        'circle-color': matchNumber('riskLevel', uncoveredRiskColors, '#868e96'),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': byZoom([9, 0.8], [13, 1.4]),
      },
    },
    {
      id: 'hydrant-plan-proposal-circles',
      type: 'fill',
      source: 'hydrant-plan-proposal-circles',
      paint: { 'fill-color': proposalColor, 'fill-opacity': ['case', highlighted, 0.35, 0.18] },
    },
    {
      id: 'hydrant-plan-proposal-circles-line',
      type: 'line',
      source: 'hydrant-plan-proposal-circles',
      paint: {
        'line-color': proposalColor,
        'line-width': ['case', highlighted, 2.5, 1.5],
        'line-dasharray': [3, 2],
      },
    },
    {
      id: 'hydrant-plan-whatif-circles',
      type: 'fill',
      source: 'hydrant-plan-whatif-circles',
      paint: { 'fill-color': whatIfColor, 'fill-opacity': 0.2 },
    },
    {
      id: 'hydrant-plan-whatif-circles-line',
      type: 'line',
      source: 'hydrant-plan-whatif-circles',
      paint: { 'line-color': whatIfColor, 'line-width': 1.5, 'line-dasharray': [2, 1.5] },
    },
  ],
  labels: [],
  interactive: [],
  legend: [
    {
      rows: [
        { label: 'hydrants.legend.circle', swatch: { shape: 'fill', color: circleColor, stroke: circleColor } },
        ...[4, 3, 2, 1].map((r) => ({
          label: `hydrants.legend.uncovered.${r}` as 'hydrants.legend.uncovered.4',
          swatch: { shape: 'circle' as const, color: uncoveredRiskColors[r] as string, stroke: '#ffffff' },
        })),
        {
          label: 'hydrants.legend.stretchUncovered',
          swatch: { shape: 'line', color: stretchColors.uncovered, width: 3 },
        },
        {
          label: 'hydrants.legend.stretchGap',
          swatch: { shape: 'line', color: stretchColors.spacing_gap, width: 3, dashed: true },
        },
        {
          label: 'hydrants.legend.proposalCircle',
          swatch: { shape: 'fill', color: proposalColor, stroke: proposalColor },
        },
        { label: 'hydrants.legend.whatIfCircle', swatch: { shape: 'fill', color: whatIfColor, stroke: whatIfColor } },
      ],
    },
  ],
  opacity: [
    { layer: 'hydrant-plan-circles', property: 'fill-opacity', base: 0.07 },
    { layer: 'hydrant-plan-circles-line', property: 'line-opacity', base: 0.55 },
  ],
  defaultVisible: false,
  lazy: true,
  // an analysis panel's own layer: not part of the base map
  listed: false,
  // The data is the panel's answers: its state fills every source.
  load: async () => ({
    'hydrant-plan': empty,
    'hydrant-plan-stretches': empty,
    'hydrant-plan-uncovered': empty,
    'hydrant-plan-proposal-circles': empty,
    'hydrant-plan-whatif-circles': empty,
    'hydrant-plan-area': empty,
  }),
} satisfies LayerModule;
