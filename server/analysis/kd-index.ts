/**
 * A static kd-tree over ECEF points (metric.ts) — the index-backed KNN and radius search
 * behind hydrant coverage, spacing and placement. Chord order is geodesic order, so the
 * nearest by chord is the nearest on the ellipsoid.
 *
 * Points on a county-sized patch of the ellipsoid are nearly planar, so the tree splits on
 * their east and north coordinates (a rotation to the local frame at their mean direction):
 * kdbush builds it. Distances are the 3-D chords on the unrotated coordinates, and |Δeast| or
 * |Δnorth| never exceeds the chord, so pruning is exact. The searches are written here because
 * kdbush has none in this metric (its `within` is planar, and nearest-neighbour search lives in
 * geokdbush, which measures great circles on a sphere, not chords on the ellipsoid); they walk
 * kdbush's own layout. Queries allocate nothing.
 */
import KDBush from 'kdbush';
import { type LonLat, toEcef } from './metric';

/** Points kept in input order (`xyz`) with a kd-tree over them (`index`). */
export interface PointSet {
  readonly size: number;
  readonly xyz: Float64Array;
  readonly index: KdIndex3;
}

/**
 * @example
 * const hydrants = pointSet([{ lon: 113.6, lat: 33.5 }, { lon: 113.7, lat: 33.5 }]);
 * const q = toEcef([{ lon: 113.61, lat: 33.5 }]);
 * hydrants.index.nearest(q[0], q[1], q[2]); // 0
 */
export function pointSet(points: readonly LonLat[]): PointSet {
  const xyz = toEcef(points);
  return { size: points.length, xyz, index: new KdIndex3(xyz) };
}

export class KdIndex3 {
  /** Input index of each point, in tree order. */
  private readonly ids: Uint16Array | Uint32Array;
  /** ECEF coordinates in tree order, packed x, y, z: distances use these, unrotated. */
  private readonly coords: Float64Array;
  /** East / north coordinates in tree order, packed: the splits use these. */
  private readonly en: Float64Array;
  private readonly nodeSize: number;
  /** Squared chord to the point returned by the last nearest() (Infinity if none). */
  d2 = Infinity;
  // Query state, kept in fields so the recursion allocates nothing.
  private qx = 0;
  private qy = 0;
  private qz = 0;
  private qe = 0;
  private qn = 0;
  private best = -1;
  private skip: ((i: number) => boolean) | undefined;
  /** within()'s traversal stack of (left, right, axis): one pending sibling per level, ≤ 64 levels. */
  private readonly stack = new Int32Array(3 * 66);
  /** Rows: east, north (unit vectors at the points' mean direction). */
  private readonly rot: readonly number[];

  /**
   * @example
   * const kd = new KdIndex3(toEcef(points));
   */
  constructor(xyz: Float64Array, nodeSize = 16) {
    const n = xyz.length / 3;
    this.nodeSize = nodeSize;
    // East / north / up unit vectors at the mean direction of the points.
    let cx = 0;
    let cy = 0;
    let cz = 0;
    for (let i = 0; i < n; i++) {
      cx += xyz[3 * i] as number;
      cy += xyz[3 * i + 1] as number;
      cz += xyz[3 * i + 2] as number;
    }
    const lambda = n > 0 ? Math.atan2(cy, cx) : 0;
    const phi = n > 0 ? Math.atan2(cz, Math.hypot(cx, cy)) : 0;
    const [sl, cl, sp, cp] = [Math.sin(lambda), Math.cos(lambda), Math.sin(phi), Math.cos(phi)];
    this.rot = [-sl, cl, 0, -sp * cl, -sp * sl, cp];
    const tree = new KDBush(n, nodeSize, Float64Array);
    for (let i = 0; i < n; i++) {
      this.setQuery(xyz[3 * i] as number, xyz[3 * i + 1] as number, xyz[3 * i + 2] as number);
      tree.add(this.qe, this.qn);
    }
    tree.finish();
    this.ids = tree.ids;
    this.en = tree.coords as Float64Array;
    // kdbush permutes ids and the east / north pairs; the ECEF coordinates follow in tree order.
    this.coords = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const id = this.ids[i] as number;
      this.coords[3 * i] = xyz[3 * id] as number;
      this.coords[3 * i + 1] = xyz[3 * id + 1] as number;
      this.coords[3 * i + 2] = xyz[3 * id + 2] as number;
    }
  }

  /**
   * The input index of the point nearest to (x, y, z) whose squared chord is ≤ maxD2, or -1;
   * ties go to the lower index; `skip(i)` true leaves point i out. Sets `d2`.
   * @example
   * const i = kd.nearest(x, y, z); // kd.d2 is its squared chord
   */
  nearest(x: number, y: number, z: number, maxD2 = Infinity, skip?: (i: number) => boolean): number {
    this.setQuery(x, y, z);
    this.d2 = maxD2;
    this.best = -1;
    this.skip = skip;
    if (this.ids.length > 0) this.search(0, this.ids.length - 1, 0);
    if (this.best < 0) this.d2 = Infinity;
    return this.best;
  }

  /**
   * Appends to `out` the input indices of all points within chord `r` of (x, y, z), in tree order.
   * @example
   * kd.within(x, y, z, metresToChord(150), []);
   */
  within(x: number, y: number, z: number, r: number, out: number[]): number[] {
    const { ids, en, nodeSize } = this;
    this.setQuery(x, y, z);
    const { qe, qn } = this;
    const r2 = r * r;
    const stack = this.stack;
    stack[0] = 0;
    stack[1] = ids.length - 1;
    stack[2] = 0;
    let top = 3;
    while (top > 0) {
      const axis = stack[--top] as number;
      const right = stack[--top] as number;
      const left = stack[--top] as number;
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) if (this.dist2(i) <= r2) out.push(ids[i] as number);
        continue;
      }
      const m = (left + right) >> 1;
      if (this.dist2(m) <= r2) out.push(ids[m] as number);
      const d = (axis === 0 ? qe : qn) - (en[2 * m + axis] as number);
      const next = 1 - axis;
      if (d <= r) {
        stack[top++] = left;
        stack[top++] = m - 1;
        stack[top++] = next;
      }
      if (d >= -r) {
        stack[top++] = m + 1;
        stack[top++] = right;
        stack[top++] = next;
      }
    }
    return out;
  }

  /** Sets the query point and its east / north coordinates. */
  private setQuery(x: number, y: number, z: number): void {
    const r = this.rot as [number, number, number, number, number, number];
    this.qx = x;
    this.qy = y;
    this.qz = z;
    this.qe = r[0] * x + r[1] * y + r[2] * z;
    this.qn = r[3] * x + r[4] * y + r[5] * z;
  }

  /** Squared chord from the query point to tree point i. */
  private dist2(i: number): number {
    const c = this.coords;
    const dx = (c[3 * i] as number) - this.qx;
    const dy = (c[3 * i + 1] as number) - this.qy;
    const dz = (c[3 * i + 2] as number) - this.qz;
    return dx * dx + dy * dy + dz * dz;
  }

  /** Depth-first, near side first; a far side only if its slab can hold a closer point. */
  private search(left: number, right: number, axis: number): void {
    if (right - left <= this.nodeSize) {
      for (let i = left; i <= right; i++) this.consider(i);
      return;
    }
    const m = (left + right) >> 1;
    this.consider(m);
    const d = (axis === 0 ? this.qe : this.qn) - (this.en[2 * m + axis] as number);
    const next = 1 - axis;
    if (d <= 0) {
      this.search(left, m - 1, next);
      if (d * d <= this.d2) this.search(m + 1, right, next);
    } else {
      this.search(m + 1, right, next);
      if (d * d <= this.d2) this.search(left, m - 1, next);
    }
  }

  private consider(i: number): void {
    const id = this.ids[i] as number;
    const d2 = this.dist2(i);
    if ((d2 < this.d2 || (d2 === this.d2 && (this.best < 0 || id < this.best))) && !this.skip?.(id)) {
      this.d2 = d2;
      this.best = id;
    }
  }
}
