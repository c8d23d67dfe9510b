/**
 * First-due districts of 站点覆盖 as the map and the legend show them: the unit and district
 * palettes, the main threshold's outlines per mode, and split mode's whole districts.
 */
import type { FeatureCollection } from 'geojson';
import type { Coverage } from './api';
import type { Mode } from './coverage-model';

/** District colours (ColorBrewer Set2): adjacent first-due districts never share one (the server colours the graph). */
export const districtPalette = [
  '#66c2a5',
  '#fc8d62',
  '#8da0cb',
  '#e78ac3',
  '#a6d854',
  '#ffd92f',
  '#e5c494',
  '#b3b3b3',
] as const;

/** Distinct colours for units in split and overlap mode (Tableau 10 + 10 more), by unit order. */
export const unitPalette = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
] as const;

type IsoFeature = Coverage['isochrones']['features'][number];

/**
 * The main-threshold layer: in overlap mode each unit's own reach outlined in its colour, in
 * dissolve mode one outline (split mode draws `wholeDistricts`).
 */
export function districtFeatures(
  features: readonly IsoFeature[],
  unitOrder: readonly (number | string)[],
  mode: Mode,
  threshold: number,
): FeatureCollection {
  const colorOf = (unitId: number | string | null) => {
    const i = unitId === null ? -1 : unitOrder.indexOf(unitId);
    return i < 0 ? '#495057' : (unitPalette[i % unitPalette.length] as string);
  };
  return {
    type: 'FeatureCollection',
    features: features
      .filter((f) => f.properties.thresholdS === threshold)
      .map((f, i) => ({
        type: 'Feature',
        id: i,
        properties: {
          unitId: f.properties.unitId,
          fill: mode === 'split',
          color: colorOf(f.properties.unitId),
          line: mode === 'dissolve' ? '#212529' : mode === 'split' ? '#ffffff' : colorOf(f.properties.unitId),
          width: mode === 'dissolve' ? 1.8 : mode === 'split' ? 0.8 : 1.6,
          areaKm2: f.properties.areaKm2,
        },
        geometry: f.geometry,
      })),
  };
}

/** Split mode's legend: each unit's whole first-due district (its colour from the server's graph colouring) and its area within the threshold. */
export function districtLegendOf(c: Coverage | undefined) {
  if (!c?.districts) return [];
  return c.districts.features.map((f) => ({
    unitId: f.properties.unitId as number | string,
    color: districtPalette[f.properties.colour % districtPalette.length] as string,
    areaKm2: f.properties.areaKm2,
    withinKm2: f.properties.withinKm2,
  }));
}

/** Split mode's map: the whole districts filled in their graph colours, and the threshold's outline on top. */
export function wholeDistricts(c: Coverage): FeatureCollection {
  const d = c.districts;
  if (!d) return { type: 'FeatureCollection', features: [] };
  return {
    type: 'FeatureCollection',
    features: [
      ...d.features.map((f, i) => ({
        type: 'Feature' as const,
        id: i,
        properties: {
          unitId: f.properties.unitId,
          fill: true,
          color: districtPalette[f.properties.colour % districtPalette.length] as string,
          line: '#ffffff',
          width: 0.8,
          areaKm2: f.properties.areaKm2,
        },
        geometry: f.geometry,
      })),
      {
        type: 'Feature' as const,
        id: d.features.length,
        properties: {
          unitId: null,
          fill: false,
          color: '#212529',
          line: '#212529',
          width: 2,
          areaKm2: d.outline.properties.areaKm2,
        },
        geometry: d.outline.geometry,
      },
    ],
  };
}
