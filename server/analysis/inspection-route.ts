/**
 * The visiting order of an inspection run (巡检路线, issue 13): a closed tour from a start point
 * (index 0, the township's team or seat) through every due hydrant and back, built by nearest
 * neighbour on road distance and improved by 2-opt until no exchange shortens it. Symmetric
 * distances (road-distance-matrix.ts ignores one-way rules: crews drive slowly and walk).
 * StationOne's "ordered inspection runs" (DOMAIN.md §7) are the anchor; the optimum is not the
 * goal, a tour no longer than nearest neighbour is (tests/unit/analysis/inspection-route.test.ts).
 */

/** A square matrix of metres, row-major: `m[i * n + j]`. */
export interface DistanceMatrix {
  n: number;
  m: Float64Array;
}

export interface InspectionTour {
  /** Indices 1..n-1 in visiting order (the start, 0, is implied before the first and after the last). */
  order: number[];
  lengthM: number;
  /** The nearest-neighbour tour it started from, and its length. */
  nearestNeighbour: { order: number[]; lengthM: number };
  /** 2-opt passes made (the last one found nothing). */
  passes: number;
}

const at = (d: DistanceMatrix, i: number, j: number) => d.m[i * d.n + j] as number;

/** Length of the closed tour 0 → order… → 0. */
export function tourLength(d: DistanceMatrix, order: readonly number[]): number {
  let sum = 0;
  let prev = 0;
  for (const v of order) {
    sum += at(d, prev, v);
    prev = v;
  }
  return sum + at(d, prev, 0);
}

/** From 0, always the nearest unvisited point next (ties: the lower index). */
export function nearestNeighbourTour(d: DistanceMatrix): number[] {
  const seen = new Uint8Array(d.n);
  seen[0] = 1;
  const order: number[] = [];
  let here = 0;
  for (let k = 1; k < d.n; k++) {
    let best = -1;
    let bestM = Infinity;
    for (let j = 1; j < d.n; j++) {
      if (!seen[j] && (best < 0 || at(d, here, j) < bestM)) {
        best = j;
        bestM = at(d, here, j);
      }
    }
    seen[best] = 1;
    order.push(best);
    here = best;
  }
  return order;
}

/** Improvements smaller than this (metres) are rounding, not shorter tours. */
const EPS_M = 1e-7;

/**
 * 2-opt on the closed tour [0, ...order]: reverses the stretch between two edges whenever that
 * shortens the tour, first improvement, until a whole pass finds none.
 * @example
 * const t = inspectionTour({ n: 4, m: Float64Array.from([0, 1, 2, 1,  1, 0, 1, 2,  2, 1, 0, 1,  1, 2, 1, 0]) });
 * t.order; // [1, 2, 3], t.lengthM === 4
 */
export function inspectionTour(d: DistanceMatrix): InspectionTour {
  if (d.m.length !== d.n * d.n) throw new RangeError(`matrix of ${d.m.length} entries is not ${d.n}²`);
  for (const v of d.m) {
    if (!(v >= 0 && Number.isFinite(v)))
      throw new RangeError('distances must be finite and ≥ 0 (drop unreachable points first)');
  }
  const nn = nearestNeighbourTour(d);
  const tour = [0, ...nn];
  const n = tour.length;
  let passes = 0;
  let improved = n > 3;
  while (improved) {
    improved = false;
    passes++;
    for (let i = 0; i < n - 1; i++) {
      for (let k = i + 2; k < n; k++) {
        const a = tour[i] as number;
        const b = tour[i + 1] as number;
        const c = tour[k] as number;
        const e = tour[(k + 1) % n] as number;
        if (e === a) continue;
        const delta = at(d, a, c) + at(d, b, e) - at(d, a, b) - at(d, c, e);
        if (delta < -EPS_M) {
          reverse(tour, i + 1, k);
          improved = true;
        }
      }
    }
  }
  const order = tour.slice(1);
  return {
    order,
    lengthM: tourLength(d, order),
    nearestNeighbour: { order: nn, lengthM: tourLength(d, nn) },
    passes,
  };
}

function reverse(a: number[], from: number, to: number): void {
  for (let i = from, j = to; i < j; i++, j--) {
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}
