/** Distances (m) on the WGS84 ellipsoid by GeographicLib, independent of the kernel under test. */
import { Geodesic } from 'geographiclib-geodesic';

const WGS84 = Geodesic.WGS84;

export function metres(a: readonly number[], b: readonly number[]): number {
  return WGS84.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number).s12 as number;
}

/** An (n + 1) × (m + 1) grid of [lon, lat] over a box. */
export function grid(lon0: number, lon1: number, lat0: number, lat1: number, n: number, m = n): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) out.push([lon0 + ((lon1 - lon0) * i) / n, lat0 + ((lat1 - lat0) * j) / m]);
  }
  return out;
}

/** Wuyang county's extent (113.4–113.9°E, 33.4–33.7°N), every ~2.5 km. */
export const COUNTY = grid(113.4, 113.9, 33.4, 33.7, 20, 12);
/** Mainland China, every 2° × 1.5° (lon 74–134°E, lat 18–53°N). */
export const CHINA = grid(74, 134, 18, 53, 30, 23);
