/**
 * Pointer handling for the interactive layers: hover highlight through feature-state
 * (STYLE.md §13), click to pick the top-most feature, and the cursor position.
 */
import type { MapGeoJSONFeature, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

interface PointerHandlers {
  /** Top-most interactive feature under a click, or null on empty map. */
  click: (feature: MapGeoJSONFeature | null, lngLat: [number, number]) => void;
  move: (lngLat: [number, number] | undefined) => void;
}

type Hovered = { source: string; id: string | number };

export function attachPointer(map: MapLibreMap, layers: () => string[], handlers: PointerHandlers): () => void {
  let hovered: Hovered | undefined;
  const visibleLayers = () => layers().filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none');
  const topFeature = (e: MapMouseEvent) => map.queryRenderedFeatures(e.point, { layers: visibleLayers() })[0];

  const setHover = (next: Hovered | undefined) => {
    if (hovered?.source === next?.source && hovered?.id === next?.id) return;
    if (hovered) map.setFeatureState(hovered, { hover: false });
    hovered = next;
    if (hovered) map.setFeatureState(hovered, { hover: true });
    map.getCanvas().style.cursor = hovered ? 'pointer' : '';
  };

  const onMove = (e: MapMouseEvent) => {
    handlers.move([e.lngLat.lng, e.lngLat.lat]);
    const f = topFeature(e);
    setHover(f?.id !== undefined ? { source: f.source, id: f.id } : undefined);
  };
  const onOut = () => {
    handlers.move(undefined);
    setHover(undefined);
  };
  const onClick = (e: MapMouseEvent) => handlers.click(topFeature(e) ?? null, [e.lngLat.lng, e.lngLat.lat]);

  map.on('mousemove', onMove);
  map.on('mouseout', onOut);
  map.on('click', onClick);
  return () => {
    map.off('mousemove', onMove);
    map.off('mouseout', onOut);
    map.off('click', onClick);
  };
}
