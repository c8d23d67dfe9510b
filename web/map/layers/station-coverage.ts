/**
 * The 站点覆盖 panel's map (issue 4): the response-time surface as graded bands, the isochrone at
 * the main threshold (split mode: first-due districts per unit), gaps beyond the class standard,
 * the effective response force, straight-line rings and the newly covered area of a comparison.
 * The panel's state fills every source from /api/coverage/stations; this module only draws.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import type { MessageKey } from '../../i18n';
import { emptySource, fonts, type LayerModule } from '../layer-module';

/** Band colours, fastest first (ColorBrewer RdYlGn): ≤3, 3–5, 5–10, 10–15 min. */
export const bandColors = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59'] as const;
/** Land that roads serve but beyond the largest threshold, or not reached: the end of the same ramp. */
export const beyondColor = '#d73027';
/** Land with no road within the off-road limit (fields, water): neutral, never a failure colour. */
export const noRoadColor = '#e9ecef';
/** Sites gaining / losing cover in a comparison. */
export const gainColor = '#2b8a3e';
export const gapColor = '#e03131';
export const newlyColor = '#1c7ed6';
export const lostColor = '#862e9c';
export const ringColor = '#495057';
/** ERF: personnel share of the maximum, light → dark purple. */
export const erfColors = ['#f3f0ff', '#5f3dc4'] as const;
/** The gap hatch: a canvas pattern this module draws when the map asks for it (`images`). */
export const gapHatch = 'station-gap-hatch';

/** Red diagonals on a transparent 8 px tile. */
function drawGapHatch(ratio: number): HTMLCanvasElement {
  const size = 8;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.scale(ratio, ratio);
  ctx.strokeStyle = gapColor;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.stroke();
  return canvas;
}

/** Properties of one band as the server sends them (the surface). */
export interface BandProps {
  band: number;
  fromS: number;
  toS: number | null;
  cells: number;
  areaKm2: number;
}

const bandColor = [
  'match',
  ['get', 'class'],
  'no_road_access',
  noRoadColor,
  'beyond',
  beyondColor,
  ['match', ['get', 'band'], ...bandColors.flatMap((c, i) => [i, c]), beyondColor],
] as unknown as ExpressionSpecification;
const isNoRoad: ExpressionSpecification = ['==', ['get', 'class'], 'no_road_access'];

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
export const stationSources = [
  'station-coverage',
  'station-coverage-districts',
  'station-coverage-erf',
  'station-coverage-gaps',
  'station-coverage-rings',
  'station-coverage-change',
  'station-coverage-change-sites',
] as const;

const bandLabels: MessageKey[] = ['stations.band.0', 'stations.band.1', 'stations.band.2', 'stations.band.3'];

export const stationCoverage = {
  id: 'station-coverage',
  title: 'layer.stationCoverage',
  sources: Object.fromEntries(stationSources.map((s) => [s, emptySource()])),
  layers: [
    {
      id: 'station-coverage-fill',
      type: 'fill',
      source: 'station-coverage',
      paint: {
        'fill-color': bandColor,
        'fill-opacity': ['case', isNoRoad, 0.35, 0.5],
        'fill-antialias': false,
      },
    },
    {
      id: 'station-coverage-erf-fill',
      type: 'fill',
      source: 'station-coverage-erf',
      paint: {
        'fill-color': ['interpolate', ['linear'], ['get', 'shade'], 0, erfColors[0], 1, erfColors[1]],
        'fill-opacity': 0.6,
        'fill-antialias': false,
      },
    },
    {
      id: 'station-coverage-district-fill',
      type: 'fill',
      source: 'station-coverage-districts',
      filter: ['==', ['get', 'fill'], true],
      paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.6, 'fill-antialias': false },
    },
    {
      id: 'station-coverage-district-line',
      type: 'line',
      source: 'station-coverage-districts',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': ['get', 'line'], 'line-width': ['get', 'width'] },
    },
    {
      id: 'station-coverage-gap-fill',
      type: 'fill',
      source: 'station-coverage-gaps',
      paint: { 'fill-pattern': gapHatch, 'fill-opacity': 0.35 },
    },
    {
      id: 'station-coverage-gap-line',
      type: 'line',
      source: 'station-coverage-gaps',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': gapColor, 'line-width': 0.8, 'line-opacity': 0.6 },
    },
    {
      id: 'station-coverage-change-fill',
      type: 'fill',
      source: 'station-coverage-change',
      paint: {
        'fill-color': ['case', ['==', ['get', 'kind'], 'lost'], lostColor, newlyColor],
        'fill-opacity': 0.5,
      },
    },
    {
      id: 'station-coverage-change-line',
      type: 'line',
      source: 'station-coverage-change',
      paint: {
        'line-color': ['case', ['==', ['get', 'kind'], 'lost'], lostColor, '#0b4f8a'],
        'line-width': 1.5,
      },
    },
    {
      id: 'station-coverage-change-site',
      type: 'circle',
      source: 'station-coverage-change-sites',
      paint: {
        'circle-radius': ['case', ['boolean', ['feature-state', 'hover'], false], 10, 7],
        'circle-color': ['case', ['==', ['get', 'kind'], 'lost'], lostColor, gainColor],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'station-coverage-ring',
      type: 'line',
      source: 'station-coverage-rings',
      paint: { 'line-color': ringColor, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
  ],
  labels: [
    {
      id: 'station-coverage-change-site-label',
      type: 'symbol',
      source: 'station-coverage-change-sites',
      layout: {
        'text-field': ['case', ['==', ['get', 'kind'], 'lost'], '−', '+'],
        'text-font': fonts,
        'text-size': 13,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ],
  interactive: [],
  legend: [
    {
      title: 'stations.legend',
      rows: [
        ...bandColors.map((color, i) => ({
          label: bandLabels[i] as MessageKey,
          swatch: { shape: 'fill' as const, color, stroke: '#ffffff' },
        })),
        { label: 'stations.band.beyond', swatch: { shape: 'fill', color: beyondColor, stroke: '#ffffff' } },
        { label: 'stations.band.noRoad', swatch: { shape: 'fill', color: noRoadColor, stroke: '#adb5bd' } },
        { label: 'stations.gaps', swatch: { shape: 'line', color: gapColor, width: 2 } },
        { label: 'stations.newly', swatch: { shape: 'fill', color: newlyColor, stroke: '#0b4f8a' } },
        { label: 'stations.siteGain', swatch: { shape: 'circle', color: gainColor, stroke: '#ffffff' } },
        { label: 'stations.siteLoss', swatch: { shape: 'circle', color: lostColor, stroke: '#ffffff' } },
        { label: 'stations.rings', swatch: { shape: 'line', color: ringColor, width: 1.5, dashed: true } },
      ],
    },
  ],
  opacity: [
    { layer: 'station-coverage-fill', property: 'fill-opacity', base: 0.5 },
    { layer: 'station-coverage-erf-fill', property: 'fill-opacity', base: 0.6 },
    { layer: 'station-coverage-district-fill', property: 'fill-opacity', base: 0.6 },
    { layer: 'station-coverage-gap-fill', property: 'fill-opacity', base: 0.35 },
  ],
  defaultVisible: false,
  lazy: true,
  // an analysis panel's own layer: not part of the base map
  listed: false,
  // The data is an analysis answer: the panel's state fills every source.
  load: async () => Object.fromEntries(stationSources.map((s) => [s, empty])),
  images: (id: string, ratio: number) => (id === gapHatch ? drawGapHatch(ratio) : undefined),
} satisfies LayerModule;
