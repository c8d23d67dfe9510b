/**
 * Small planar helpers of the geometry kernel shared by the demo generator and the road import: a local equirectangular projection (metres around
 * the county; scale error < 0.2 % over a 40 km county, far below what a demo or a road import needs), fast
 * point-in-polygon, and coordinate rounding. Everything the generator emits is rounded to
 * 1e-6° (≈ 0.1 m), the precision of the source files.
 */
import type { MultiPolygon, Position } from 'geojson';

export type XY = [number, number];

/** Mean Earth radius used by turf's distance/length (haversine), so our metres agree with turf. */
const EARTH_RADIUS_M = 6371008.8;
const DEG = Math.PI / 180;

export interface LocalProjection {
  toXY(p: Position): XY;
  toLonLat(xy: XY): Position;
}

export function localProjection(origin: Position): LocalProjection {
  const [lon0, lat0] = origin as [number, number];
  const kx = EARTH_RADIUS_M * DEG * Math.cos(lat0 * DEG);
  const ky = EARTH_RADIUS_M * DEG;
  return {
    toXY: (p) => [((p[0] as number) - lon0) * kx, ((p[1] as number) - lat0) * ky],
    toLonLat: ([x, y]) => [lon0 + x / kx, lat0 + y / ky],
  };
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function roundPosition(p: Position): Position {
  return [round6(p[0] as number), round6(p[1] as number)];
}

export function distXY(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Even–odd ray test against one ring (works for lon/lat or metres alike). */
function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInMultiPolygon(p: Position, mp: MultiPolygon): boolean {
  const x = p[0] as number;
  const y = p[1] as number;
  for (const polygon of mp.coordinates) {
    const [outer, ...holes] = polygon;
    if (outer && inRing(x, y, outer) && !holes.some((h) => inRing(x, y, h))) return true;
  }
  return false;
}

interface IndexedPolygon<K> {
  key: K;
  geom: MultiPolygon;
  bbox: [number, number, number, number];
}

function bboxOf(mp: MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of mp.coordinates) {
    for (const [x, y] of (polygon[0] ?? []) as [number, number][]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  }
  return b;
}

/** Which polygon (township) holds a point: bbox prefilter, then the ring test. */
export class PolygonLookup<K> {
  private readonly items: IndexedPolygon<K>[];

  constructor(polygons: readonly { key: K; geom: MultiPolygon }[]) {
    this.items = polygons.map(({ key, geom }) => ({ key, geom, bbox: bboxOf(geom) }));
  }

  find(p: Position): K | undefined {
    const x = p[0] as number;
    const y = p[1] as number;
    for (const item of this.items) {
      const [x0, y0, x1, y1] = item.bbox;
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      if (pointInMultiPolygon(p, item.geom)) return item.key;
    }
    return undefined;
  }
}
