/**
 * Clips polylines (metres, in the affine local projection of `server/geo/plane.ts`, so a
 * straight segment in degrees stays straight and crossings equal PostGIS's planar ones) to a
 * multipolygon: each segment is cut at every crossing with a ring edge, and the sub-segments
 * whose midpoint lies inside are kept, joined into runs. A line leaving and re-entering the
 * county gives several pieces.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon } from 'geojson';
import { pointInMultiPolygon, type XY } from '../plane';
import { segmentCrossing } from '../segments';

export interface Clipper {
  clip(coords: readonly XY[]): XY[][];
}

/** `area` is in the same metres as the lines (rings projected with the same projection). */
export function clipper(area: MultiPolygon): Clipper {
  const edges: [XY, XY][] = [];
  for (const polygon of area.coordinates) {
    for (const ring of polygon) {
      for (let k = 1; k < ring.length; k++) edges.push([ring[k - 1] as XY, ring[k] as XY]);
    }
  }
  const index = new Flatbush(Math.max(edges.length, 1));
  for (const [a, b] of edges) {
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  if (edges.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const inside = (p: XY) => pointInMultiPolygon(p, area);

  return {
    clip(coords) {
      const pieces: XY[][] = [];
      let current: XY[] = [];
      const close = () => {
        if (current.length >= 2) pieces.push(current);
        current = [];
      };
      for (let i = 1; i < coords.length; i++) {
        const a = coords[i - 1] as XY;
        const b = coords[i] as XY;
        const ts = [0, 1];
        const hits = index.search(
          Math.min(a[0], b[0]),
          Math.min(a[1], b[1]),
          Math.max(a[0], b[0]),
          Math.max(a[1], b[1]),
        );
        for (const h of hits) {
          const e = edges[h];
          if (!e) continue;
          const c = segmentCrossing(a, b, e[0], e[1]);
          if (c && c.t > 0 && c.t < 1) ts.push(c.t);
        }
        ts.sort((p, q) => p - q);
        const at = (t: number): XY =>
          t === 0 ? a : t === 1 ? b : [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
        for (let k = 1; k < ts.length; k++) {
          const t0 = ts[k - 1] as number;
          const t1 = ts[k] as number;
          if (t1 - t0 <= 0) continue;
          if (inside(at((t0 + t1) / 2))) {
            const p0 = at(t0);
            const last = current[current.length - 1];
            if (!last || last[0] !== p0[0] || last[1] !== p0[1]) {
              close();
              current.push(p0);
            }
            current.push(at(t1));
          } else close();
        }
      }
      close();
      return pieces;
    },
  };
}
