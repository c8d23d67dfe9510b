/**
 * The print layout's arithmetic and the map snapshot (issue 15 §7): paper sizes, the ground
 * distance per pixel at the map's centre (Web Mercator, 512-px tiles), a scale bar of a round
 * length, and the map canvas drawn at print resolution.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export type Paper = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';
/** Millimetres, portrait. */
export const PAPER_MM: Record<Paper, [number, number]> = { A4: [210, 297], A3: [297, 420] };
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
const IDLE_WAIT_MS = 5000;

export function paperMm(paper: Paper, orientation: Orientation): [number, number] {
  const [w, h] = PAPER_MM[paper];
  return orientation === 'portrait' ? [w, h] : [h, w];
}

/** Metres on the ground per CSS pixel at latitude `lat` and zoom `zoom`. */
export function metresPerPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * The width at which a picture of aspect `aspect` (width / height) shows in a box that it covers
 * (CSS object-fit: cover — scaled to fill the box, the excess cropped).
 * @example coverWidth(300, 400, 1.5) // 600: the picture is scaled to the box's height
 */
export function coverWidth(boxWidth: number, boxHeight: number, aspect: number): number {
  return Math.max(boxWidth, boxHeight * aspect);
}

/**
 * The longest round length (1, 2 or 5 × 10ⁿ m) not over `maxPx` pixels, and its pixels.
 * @example scaleBar(10, 120) // { metres: 1000, px: 100, label: '1 km' }
 */
export function scaleBar(mPerPx: number, maxPx: number): { metres: number; px: number; label: string } {
  const max = mPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(max));
  const metres = [5, 2, 1].map((k) => k * pow).find((m) => m <= max) ?? pow;
  return { metres, px: metres / mPerPx, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** The map as a PNG data URL at `ratio` device pixels per CSS pixel (restored afterwards). */
export async function snapshot(map: MapLibreMap, ratio: number): Promise<string> {
  const before = map.getPixelRatio();
  map.setPixelRatio(ratio);
  // Tiles at the new ratio load before the picture is taken; a map that never settles (tiles that
  // cannot load offline) is taken as it is after a few seconds.
  await Promise.race([
    new Promise<void>((resolve) => map.once('idle', () => resolve())),
    new Promise<void>((resolve) => setTimeout(resolve, IDLE_WAIT_MS)),
  ]);
  const url = await new Promise<string>((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
  map.setPixelRatio(before);
  return url;
}
