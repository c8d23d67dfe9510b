/**
 * Inverting a forward conversion that has no closed-form inverse (GCJ-02, BD-09, Baidu Mercator):
 * the published formulas go one way only, and gcoord's inverses are approximate (gcoord stops
 * GCJ-02 → WGS84 at a 1e-6° residual, and its BD-09 → GCJ-02 and Baidu Mercator → BD-09 are
 * one-step formulas, metres off: see tests/unit/geo/crs/round-trip.test.ts). Starting from the
 * approximate inverse, a quasi-Newton iteration (the forward's Jacobian, estimated once by finite
 * differences at the start, is nearly constant over the few metres the iteration moves) brings the
 * forward image of the result to within `tolerance` of the target.
 */
import type { XY } from './systems';

const MAX_ITERATIONS = 30;

export function invertIteratively(
  forward: (p: XY) => XY,
  start: XY,
  target: XY,
  /** Largest residual allowed, in the units of the forward's output. */
  tolerance: number,
  /** Finite-difference step, in the units of the input. */
  step: number,
): XY {
  let [x, y] = start;
  const [f0x, f0y] = forward([x, y]);
  const [fxx, fxy] = forward([x + step, y]);
  const [fyx, fyy] = forward([x, y + step]);
  const a = (fxx - f0x) / step;
  const b = (fyx - f0x) / step;
  const c = (fxy - f0y) / step;
  const d = (fyy - f0y) / step;
  const det = a * d - b * c;
  if (!Number.isFinite(det) || det === 0) throw new Error(`no inverse at ${target[0]},${target[1]}`);
  let fx = f0x;
  let fy = f0y;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const rx = target[0] - fx;
    const ry = target[1] - fy;
    if (Math.abs(rx) <= tolerance && Math.abs(ry) <= tolerance) return [x, y];
    x += (d * rx - b * ry) / det;
    y += (a * ry - c * rx) / det;
    [fx, fy] = forward([x, y]);
  }
  throw new Error(`inverse did not converge at ${target[0]},${target[1]}`);
}
