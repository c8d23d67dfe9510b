/**
 * What the fire-call layer draws, from the server's answer (pure): the scene, the first three
 * routes with their ETA labels, the water sources by status with the nearest working one marked.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerData } from '../../map/layer-module';
import type { FireCall } from './api';
import { clock } from './format';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function fireCallMapData(answer: FireCall | undefined): LayerData {
  if (!answer) return { 'fire-call': empty(), 'fire-call-routes': empty(), 'fire-call-water': empty() };
  return {
    'fire-call': {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 1,
          properties: { id: 1, name: answer.site?.name ?? '' },
          geometry: { type: 'Point', coordinates: [answer.point.lon, answer.point.lat] },
        },
      ],
    },
    'fire-call-routes': {
      type: 'FeatureCollection',
      features: answer.routes.features.map((f) => ({
        type: 'Feature',
        id: f.properties.unitId,
        properties: {
          id: f.properties.unitId,
          rank: f.properties.rank,
          label: `${f.properties.rank} · ${f.properties.name} ${clock(f.properties.etaS)}`,
        },
        geometry: f.geometry,
      })),
    },
    'fire-call-water': {
      type: 'FeatureCollection',
      features: answer.water.sources.map((w) => ({
        type: 'Feature',
        id: w.hydrantId,
        properties: {
          id: w.hydrantId,
          code: w.code,
          status: w.status,
          nearest: w.nearestWorking,
          label: w.roadM === null ? w.code : `${w.code} ${Math.round(w.roadM)}m`,
        },
        geometry: { type: 'Point', coordinates: [w.lon, w.lat] },
      })),
    },
  };
}
