/**
 * Seeded random points and the exact geodesic (Karney, GeographicLib) — the shared oracle
 * inputs of the hydrant and placement tests.
 */
import { Geodesic } from 'geographiclib-geodesic';
import type { LonLat } from '../../../server/analysis/metric';

/** mulberry32: a small seeded PRNG, so every failing case can be replayed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n points uniform in a box of `size` degrees at (lon0, lat0), Wuyang-like by default. */
export function randomPoints(rand: () => number, n: number, size = 0.01, lon0 = 113.6, lat0 = 33.5): LonLat[] {
  return Array.from({ length: n }, () => ({ lon: lon0 + rand() * size, lat: lat0 + rand() * size }));
}

/** Geodesic metres on WGS84 (what PostGIS geography's ST_Distance computes). */
export function karney(a: LonLat, b: LonLat): number {
  return Geodesic.WGS84.Inverse(a.lat, a.lon, b.lat, b.lon).s12 as number;
}

/** The point `metres` from p at azimuth `azimuth` (degrees clockwise from north). */
export function travel(p: LonLat, azimuth: number, metres: number): LonLat {
  const r = Geodesic.WGS84.Direct(p.lat, p.lon, azimuth, metres);
  return { lon: r.lon2 as number, lat: r.lat2 as number };
}
