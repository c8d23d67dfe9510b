/**
 * The 警情 panel's map (issue 14): the scene, the first three units' routes with ETA labels
 * along them, and the water sources around the scene by status, the nearest working one ringed.
 * The panel's state fills the sources from /api/fire-call; this module only draws.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { emptySource, fonts, type LayerModule } from '../layer-module';

/** First, second and third due: red, orange, blue (distinct for colour-blind readers by width too). */
export const routeColors = ['#e03131', '#f08c00', '#1971c2'] as const;
export const waterColors = { ok: '#1c7ed6', faulty: '#e8590c', out_of_service: '#868e96', planned: '#adb5bd' } as const;
export const sceneColor = '#c92a2a';

const byRank = [
  'match',
  ['get', 'rank'],
  1,
  routeColors[0],
  2,
  routeColors[1],
  routeColors[2],
] as unknown as ExpressionSpecification;
const byStatus = [
  'match',
  ['get', 'status'],
  ...Object.entries(waterColors).flat(),
  waterColors.planned,
] as unknown as ExpressionSpecification;
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const fireCall = {
  id: 'fire-call',
  title: 'layer.fireCall',
  sources: {
    'fire-call': emptySource(),
    'fire-call-routes': emptySource(),
    'fire-call-water': emptySource(),
  },
  layers: [
    {
      id: 'fire-call-routes-casing',
      type: 'line',
      source: 'fire-call-routes',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['match', ['get', 'rank'], 1, 9, 7] },
    },
    {
      id: 'fire-call-routes-line',
      type: 'line',
      source: 'fire-call-routes',
      layout: { 'line-join': 'round', 'line-cap': 'round', 'line-sort-key': ['-', 0, ['get', 'rank']] },
      paint: { 'line-color': byRank, 'line-width': ['match', ['get', 'rank'], 1, 5, 3.5] },
    },
    {
      id: 'fire-call-water-nearest',
      type: 'circle',
      source: 'fire-call-water',
      filter: ['==', ['get', 'nearest'], true],
      paint: {
        'circle-radius': 11,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#2b8a3e',
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'fire-call-water-circle',
      type: 'circle',
      source: 'fire-call-water',
      paint: {
        'circle-radius': 6,
        'circle-color': byStatus,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'fire-call-scene',
      type: 'circle',
      source: 'fire-call',
      paint: {
        'circle-radius': 11,
        'circle-color': sceneColor,
        'circle-stroke-color': '#212529',
        'circle-stroke-width': 4,
      },
    },
  ],
  labels: [
    {
      id: 'fire-call-scene-label',
      type: 'symbol',
      source: 'fire-call',
      layout: {
        'text-field': '火',
        'text-font': fonts,
        'text-size': 13,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'fire-call-routes-label',
      type: 'symbol',
      source: 'fire-call-routes',
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'label'],
        'text-font': fonts,
        'text-size': 12,
        'symbol-spacing': 400,
      },
      paint: { 'text-color': byRank, 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
    {
      id: 'fire-call-water-label',
      type: 'symbol',
      source: 'fire-call-water',
      minzoom: 15,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': fonts,
        'text-size': 11,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
      },
      paint: { 'text-color': '#1864ab', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ],
  interactive: [],
  legend: [
    {
      rows: [
        { label: 'fireCall.scene', swatch: { shape: 'circle', color: sceneColor, stroke: '#212529' } },
        { label: 'fireCall.route1', swatch: { shape: 'line', color: routeColors[0], width: 5 } },
        { label: 'fireCall.route2', swatch: { shape: 'line', color: routeColors[1], width: 3.5 } },
        { label: 'fireCall.route3', swatch: { shape: 'line', color: routeColors[2], width: 3.5 } },
        { label: 'fireCall.water.ok', swatch: { shape: 'circle', color: waterColors.ok, stroke: '#ffffff' } },
        { label: 'fireCall.water.faulty', swatch: { shape: 'circle', color: waterColors.faulty, stroke: '#ffffff' } },
        { label: 'fireCall.water.nearest', swatch: { shape: 'circle', color: '#ffffff', stroke: '#2b8a3e' } },
      ],
    },
  ],
  opacity: [],
  defaultVisible: false,
  lazy: true,
  listed: false,
  load: async () => ({ 'fire-call': empty, 'fire-call-routes': empty, 'fire-call-water': empty }),
} satisfies LayerModule;
