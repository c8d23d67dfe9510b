/** Planar segment primitives (metres) shared by clipping, edge filtering and noding. */
import type { XY } from './plane';

export interface Crossing {
  /** Parameter along segment a (0 = a0, 1 = a1). */
  t: number;
  /** Parameter along segment b. */
  u: number;
  point: XY;
}

/** Where segments a0a1 and b0b1 meet, if they are not parallel and meet within both (ends included). */
export function segmentCrossing(a0: XY, a1: XY, b0: XY, b1: XY): Crossing | undefined {
  const rx = a1[0] - a0[0];
  const ry = a1[1] - a0[1];
  const sx = b1[0] - b0[0];
  const sy = b1[1] - b0[1];
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < 1e-12 * Math.hypot(rx, ry) * Math.hypot(sx, sy)) return undefined;
  const qx = b0[0] - a0[0];
  const qy = b0[1] - a0[1];
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return undefined;
  return { t, u, point: [a0[0] + t * rx, a0[1] + t * ry] };
}

/** Parameter (clamped to [0, 1]) of the point of segment a0a1 nearest to p, and the distance. */
export function projectOnSegment(p: XY, a0: XY, a1: XY): { t: number; dist: number; point: XY } {
  const dx = a1[0] - a0[0];
  const dy = a1[1] - a0[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a0[0]) * dx + (p[1] - a0[1]) * dy) / len2));
  const point: XY = [a0[0] + t * dx, a0[1] + t * dy];
  return { t, dist: Math.hypot(p[0] - point[0], p[1] - point[1]), point };
}

/** Does segment a0a1 cross any edge of the rings (touching counts)? */
export function segmentHitsRings(a0: XY, a1: XY, rings: readonly XY[][]): boolean {
  const [minX, maxX] = a0[0] < a1[0] ? [a0[0], a1[0]] : [a1[0], a0[0]];
  const [minY, maxY] = a0[1] < a1[1] ? [a0[1], a1[1]] : [a1[1], a0[1]];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const b0 = ring[i - 1] as XY;
      const b1 = ring[i] as XY;
      if (Math.max(b0[0], b1[0]) < minX || Math.min(b0[0], b1[0]) > maxX) continue;
      if (Math.max(b0[1], b1[1]) < minY || Math.min(b0[1], b1[1]) > maxY) continue;
      if (segmentCrossing(a0, a1, b0, b1)) return true;
    }
  }
  return false;
}

/** Does segment a0a1 touch the axis-aligned box [xmin, ymin, xmax, ymax]? */
export function segmentHitsBox(a0: XY, a1: XY, box: readonly [number, number, number, number]): boolean {
  const [x0, y0, x1, y1] = box;
  const inside = (p: XY) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;
  if (inside(a0) || inside(a1)) return true;
  const corners: XY[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  return segmentHitsRings(a0, a1, [corners]);
}
