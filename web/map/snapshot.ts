/**
 * The map as it is drawn now, as a PNG data URL (the fire call's print card, issue 14): read in
 * the next render, while WebGL's drawing buffer still holds the frame (no preserveDrawingBuffer).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export function mapImage(map: MapLibreMap): Promise<string> {
  return new Promise((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
}
