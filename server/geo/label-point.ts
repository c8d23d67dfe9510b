/**
 * A point inside a polygon (for a village boundary the schema keeps as a point): on the horizontal
 * line through the middle of the largest part's extent, the middle of the widest stretch inside
 * it (the even-odd rule over every ring, so holes are respected). Works in any planar system
 * (degrees or metres), before conversion. Pure.
 */
export type XY = readonly [number, number];

function extentArea(rings: readonly (readonly XY[])[]): number {
  const outer = rings[0] ?? [];
  let a = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const p = outer[i] as XY;
    const q = outer[j] as XY;
    a += (q[0] - p[0]) * (q[1] + p[1]);
  }
  return Math.abs(a / 2);
}

/** null when the polygon has no area. */
export function labelPoint(polygons: readonly (readonly (readonly XY[])[])[]): [number, number] | null {
  const largest = [...polygons].sort((a, b) => extentArea(b) - extentArea(a))[0];
  if (!largest || extentArea(largest) === 0) return null;
  const ys = (largest[0] ?? []).map((p) => p[1]);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2;
  const xs: number[] = [];
  for (const ring of largest) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const p = ring[i] as XY;
      const q = ring[j] as XY;
      if (p[1] > y !== q[1] > y) xs.push(p[0] + ((y - p[1]) * (q[0] - p[0])) / (q[1] - p[1]));
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const a = xs[k] as number;
    const b = xs[k + 1] as number;
    if (b - a > width) {
      width = b - a;
      best = [(a + b) / 2, y];
    }
  }
  return best;
}
