/**
 * Pointer handling, the one place map events are listened to: hover highlight through
 * feature-state (STYLE.md §13) on the layers the active tool reacts to, the cursor the tool
 * asks for (set on every move, so a hover never resets a tool's crosshair), and clicks with the
 * top-most feature under them.
 */
import type { MapGeoJSONFeature, Map as MapLibreMap, MapMouseEvent, MapTouchEvent } from 'maplibre-gl';

interface PointerHandlers {
  /** Style layers that answer hover and click now (the active tool's). */
  layers: () => string[];
  /** The cursor for the active tool; `hovering` = one of `layers` is under the pointer. */
  cursor: (hovering: boolean) => string;
  /** Top-most feature of `layers` under a click, or null on empty map. */
  click: (feature: MapGeoJSONFeature | null, lngLat: [number, number]) => void;
  dblclick: () => void;
  move: (lngLat: [number, number] | undefined) => void;
  /**
   * Button (or finger) down: true when the active tool drags (move-point) — the map then does not
   * pan until the button is up, and `drag` / `drop` follow the pointer.
   */
  press?: (lngLat: [number, number]) => boolean;
  drag?: (lngLat: [number, number]) => void;
  drop?: (lngLat: [number, number]) => void;
}

type Hovered = { source: string; id: string | number };

export interface Pointer {
  /** Re-reads the tool: its layers and cursor (after a tool change, before the next move). */
  refresh: () => void;
  detach: () => void;
}

export function attachPointer(map: MapLibreMap, handlers: PointerHandlers): Pointer {
  let hovered: Hovered | undefined;
  const visibleLayers = () =>
    handlers.layers().filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
  const topFeature = (point: MapMouseEvent['point']) => {
    const layers = visibleLayers();
    return layers.length ? map.queryRenderedFeatures(point, { layers })[0] : undefined;
  };

  const setHover = (next: Hovered | undefined) => {
    if (hovered?.source !== next?.source || hovered?.id !== next?.id) {
      if (hovered) map.setFeatureState(hovered, { hover: false });
      hovered = next;
      if (hovered) map.setFeatureState(hovered, { hover: true });
    }
    map.getCanvas().style.cursor = handlers.cursor(hovered !== undefined);
  };

  let last: MapMouseEvent['point'] | undefined;
  const onMove = (e: MapMouseEvent) => {
    last = e.point;
    handlers.move([e.lngLat.lng, e.lngLat.lat]);
    const f = topFeature(e.point);
    setHover(f?.id !== undefined ? { source: f.source, id: f.id } : undefined);
  };
  const onOut = () => {
    last = undefined;
    handlers.move(undefined);
    setHover(undefined);
  };
  const onClick = (e: MapMouseEvent) => handlers.click(topFeature(e.point) ?? null, [e.lngLat.lng, e.lngLat.lat]);
  const onDblClick = () => handlers.dblclick();

  let dragging = false;
  const at = (e: MapMouseEvent | MapTouchEvent): [number, number] => [e.lngLat.lng, e.lngLat.lat];
  const onDown = (e: MapMouseEvent | MapTouchEvent) => {
    if (!handlers.press?.(at(e))) return;
    dragging = true;
    map.dragPan.disable();
  };
  const onDrag = (e: MapMouseEvent | MapTouchEvent) => {
    if (dragging) handlers.drag?.(at(e));
  };
  const onUp = (e: MapMouseEvent | MapTouchEvent) => {
    if (!dragging) return;
    dragging = false;
    map.dragPan.enable();
    handlers.drop?.(at(e));
  };

  map.on('mousemove', onMove);
  map.on('mouseout', onOut);
  map.on('click', onClick);
  map.on('dblclick', onDblClick);
  map.on('mousedown', onDown);
  map.on('mousemove', onDrag);
  map.on('mouseup', onUp);
  map.on('touchstart', onDown);
  map.on('touchmove', onDrag);
  map.on('touchend', onUp);
  return {
    refresh: () => {
      const f = last && topFeature(last);
      setHover(f?.id !== undefined ? { source: f.source, id: f.id } : undefined);
    },
    detach: () => {
      map.off('mousemove', onMove);
      map.off('mouseout', onOut);
      map.off('click', onClick);
      map.off('dblclick', onDblClick);
      map.off('mousedown', onDown);
      map.off('mousemove', onDrag);
      map.off('mouseup', onUp);
      map.off('touchstart', onDown);
      map.off('touchmove', onDrag);
      map.off('touchend', onUp);
    },
  };
}
