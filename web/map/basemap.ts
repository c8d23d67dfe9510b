/**
 * Basemaps. The default is the offline one: a background under the county's own layers
 * (counties, parks, roads, townships), so nothing is fetched. Tile basemaps are optional and
 * are switched by adding and removing their sources and layers under the app layers, never
 * by `setStyle`, so app layers and their state survive (STYLE.md §11).
 */

import type {
  BackgroundLayerSpecification,
  RasterLayerSpecification,
  RasterSourceSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MessageKey } from '../i18n';

export const background: BackgroundLayerSpecification = {
  id: 'background',
  type: 'background',
  paint: { 'background-color': '#dde4e8' },
};

/** Tile layers go right above the county fill: our roads, townships and assets stay on top. */
export const tileLayersBefore = 'counties-line';

export interface Basemap {
  id: string;
  label: MessageKey;
  sources: Record<string, RasterSourceSpecification>;
  layers: RasterLayerSpecification[];
}

export const offline: Basemap = { id: 'offline', label: 'basemap.offline', sources: {}, layers: [] };

const osm: Basemap = {
  id: 'osm',
  label: 'basemap.osm',
  sources: {
    'basemap-osm': {
      type: 'raster',
      tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: '© OpenStreetMap contributors',
    },
  },
  layers: [{ id: 'basemap-osm', type: 'raster', source: 'basemap-osm' }],
};

/** Tianditu WMTS in Web Mercator (`_w`); CGCS2000 ≈ WGS84 at map scale, so our data lines up. */
function tianditu(layer: 'vec' | 'img', annotation: 'cva' | 'cia', tk: string): Basemap {
  const url = (name: string) =>
    [0, 1, 2, 3, 4, 5, 6, 7].map(
      (n) =>
        `https://t${n}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}` +
        `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tk)}`,
    );
  const source = (name: string): RasterSourceSpecification => ({
    type: 'raster',
    tiles: url(name),
    tileSize: 256,
    maxzoom: 18,
    attribution: '© 天地图 Tianditu',
  });
  const id = `basemap-tdt-${layer}`;
  return {
    id: `tianditu-${layer}`,
    label: layer === 'vec' ? 'basemap.tiandituVec' : 'basemap.tiandituImg',
    sources: { [id]: source(layer), [`${id}-label`]: source(annotation) },
    layers: [
      { id, type: 'raster', source: id },
      { id: `${id}-label`, type: 'raster', source: `${id}-label` },
    ],
  };
}

/** The basemaps on offer: offline always; OSM; Tianditu when a key (`tk`) is configured. */
export function availableBasemaps(config: { tiandituTk?: string }): Basemap[] {
  const list = [offline, osm];
  if (config.tiandituTk) {
    list.push(tianditu('vec', 'cva', config.tiandituTk), tianditu('img', 'cia', config.tiandituTk));
  }
  return list;
}

/** Replaces one basemap's sources and layers with another's; app layers are untouched. */
export function swapBasemap(map: MapLibreMap, from: Basemap, to: Basemap): void {
  for (const layer of from.layers) map.removeLayer(layer.id);
  for (const id of Object.keys(from.sources)) map.removeSource(id);
  for (const [id, source] of Object.entries(to.sources)) map.addSource(id, source);
  for (const layer of to.layers) map.addLayer(layer, tileLayersBefore);
}
