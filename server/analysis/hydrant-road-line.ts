/**
 * A road LineString measured on the ellipsoid: vertices in ECEF (metric.ts), chainage
 * (metres from the start) at each vertex, and the operations hydrant spacing and placement
 * need — the stretch of a segment within a radius of a point, the projection of a point,
 * a point or a piece at a chainage. Segments are straight chords between vertices: a road
 * segment of 150 m sags 0.4 mm below the ellipsoid, far below what matters here.
 */
import type { Position } from 'geojson';
import { chordToMetres, writeEcef } from './metric';

export interface RoadLine {
  readonly coordinates: readonly Position[];
  /** Vertices in ECEF, packed x, y, z. */
  readonly xyz: Float64Array;
  /** Metres from the start at each vertex. */
  readonly chainage: Float64Array;
  readonly lengthM: number;
}

/**
 * @example
 * roadLine([[113.6, 33.5], [113.601, 33.5]]).lengthM; // ≈ 92.9
 */
export function roadLine(coordinates: readonly Position[]): RoadLine {
  const n = coordinates.length;
  if (n < 2) throw new RangeError('roadLine: a LineString needs at least 2 positions');
  const xyz = new Float64Array(3 * n);
  coordinates.forEach(([lon = NaN, lat = NaN], i) => {
    writeEcef(lon, lat, xyz, i);
  });
  const chainage = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const dx = (xyz[3 * i] as number) - (xyz[3 * i - 3] as number);
    const dy = (xyz[3 * i + 1] as number) - (xyz[3 * i - 2] as number);
    const dz = (xyz[3 * i + 2] as number) - (xyz[3 * i - 1] as number);
    chainage[i] = (chainage[i - 1] as number) + chordToMetres(Math.sqrt(dx * dx + dy * dy + dz * dz));
  }
  return { coordinates, xyz, chainage, lengthM: chainage[n - 1] as number };
}

/**
 * Fractions t ∈ [0, 1] along segment i (vertex i → i + 1) whose points lie within chord r of
 * the ECEF point p, as [t0, t1]; undefined when none do.
 * @example
 * segmentWithin(line, 0, hydrantXyz, 0, metresToChord(150)); // [0, 0.62]
 */
export function segmentWithin(
  line: RoadLine,
  i: number,
  p: Float64Array,
  j: number,
  r: number,
): [number, number] | undefined {
  const { xyz } = line;
  const ox = (xyz[3 * i] as number) - (p[3 * j] as number);
  const oy = (xyz[3 * i + 1] as number) - (p[3 * j + 1] as number);
  const oz = (xyz[3 * i + 2] as number) - (p[3 * j + 2] as number);
  const dx = (xyz[3 * i + 3] as number) - (xyz[3 * i] as number);
  const dy = (xyz[3 * i + 4] as number) - (xyz[3 * i + 1] as number);
  const dz = (xyz[3 * i + 5] as number) - (xyz[3 * i + 2] as number);
  // |o + t·d|² ≤ r²  ⇔  a·t² + 2b·t + c ≤ 0
  const a = dx * dx + dy * dy + dz * dz;
  const b = ox * dx + oy * dy + oz * dz;
  const c = ox * ox + oy * oy + oz * oz - r * r;
  if (a === 0) return c <= 0 ? [0, 1] : undefined;
  const disc = b * b - a * c;
  if (disc < 0) return undefined;
  const root = Math.sqrt(disc);
  const t0 = Math.max(0, (-b - root) / a);
  const t1 = Math.min(1, (-b + root) / a);
  return t0 <= t1 ? [t0, t1] : undefined;
}

/**
 * The point of segment i nearest to ECEF point p[j]: its fraction t and squared chord.
 * @example
 * const { t, d2 } = segmentNearest(line, 0, hydrantXyz, 0);
 */
export function segmentNearest(line: RoadLine, i: number, p: Float64Array, j: number): { t: number; d2: number } {
  const { xyz } = line;
  const ox = (p[3 * j] as number) - (xyz[3 * i] as number);
  const oy = (p[3 * j + 1] as number) - (xyz[3 * i + 1] as number);
  const oz = (p[3 * j + 2] as number) - (xyz[3 * i + 2] as number);
  const dx = (xyz[3 * i + 3] as number) - (xyz[3 * i] as number);
  const dy = (xyz[3 * i + 4] as number) - (xyz[3 * i + 1] as number);
  const dz = (xyz[3 * i + 5] as number) - (xyz[3 * i + 2] as number);
  const a = dx * dx + dy * dy + dz * dz;
  const t = a === 0 ? 0 : Math.min(1, Math.max(0, (ox * dx + oy * dy + oz * dz) / a));
  const ex = ox - t * dx;
  const ey = oy - t * dy;
  const ez = oz - t * dz;
  return { t, d2: ex * ex + ey * ey + ez * ez };
}

/**
 * Chainage of fraction t along segment i.
 * @example
 * chainageAt(roadLine([[113.6, 33.5], [113.601, 33.5], [113.602, 33.5]]), 1, 0.5); // ≈ 139.4
 */
export function chainageAt(line: RoadLine, i: number, t: number): number {
  const c0 = line.chainage[i] as number;
  return c0 + t * ((line.chainage[i + 1] as number) - c0);
}

/**
 * The lon/lat at a chainage (clamped to the line), interpolated within its segment.
 * @example
 * positionAt(roadLine([[113.6, 33.5], [113.602, 33.5]]), 92.9); // ≈ [113.601, 33.5]
 */
export function positionAt(line: RoadLine, m: number): Position {
  const i = segmentOf(line, m);
  const c0 = line.chainage[i] as number;
  const len = (line.chainage[i + 1] as number) - c0;
  const t = len > 0 ? Math.min(1, Math.max(0, (m - c0) / len)) : 0;
  const [x0 = NaN, y0 = NaN] = line.coordinates[i] as Position;
  const [x1 = NaN, y1 = NaN] = line.coordinates[i + 1] as Position;
  return [x0 + t * (x1 - x0), y0 + t * (y1 - y0)];
}

/**
 * The piece of the line between two chainages, as LineString coordinates.
 * @example
 * slice(line, 40, 160); // [[…at 40 m], …vertices in between…, [… at 160 m]]
 */
export function slice(line: RoadLine, from: number, to: number): Position[] {
  const out: Position[] = [positionAt(line, from)];
  for (let i = segmentOf(line, from) + 1; i < line.coordinates.length - 1; i++) {
    if ((line.chainage[i] as number) >= to) break;
    out.push(line.coordinates[i] as Position);
  }
  out.push(positionAt(line, to));
  return out;
}

/** Index of the segment holding chainage m (binary search; the last segment past the end). */
function segmentOf(line: RoadLine, m: number): number {
  const { chainage } = line;
  let lo = 0;
  let hi = chainage.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((chainage[mid] as number) <= m) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
