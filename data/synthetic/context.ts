/**
 * What every generator step shares: the real inputs, the local projection, the county outline
 * in both coordinate spaces, and the root PRNG (each step forks its own stream from it).
 */
import type { MultiPolygon, Position } from 'geojson';
import { type LocalProjection, localProjection, pointInMultiPolygon, type XY } from '../../server/geo/plane';
import type { RealCountyData } from '../wuyang/load';
import { Rng } from './prng';

export interface GenContext {
  real: RealCountyData;
  rng: Rng;
  proj: LocalProjection;
  county: MultiPolygon;
  /** Every ring of the county outline, in metres. */
  countyRings: XY[][];
  /** Is a lon/lat point inside the county? */
  inCounty(p: Position): boolean;
  /** The OSM extract's box in metres: [xmin, ymin, xmax, ymax]. */
  osmBox: [number, number, number, number];
  inOsmBox(xy: XY, marginM?: number): boolean;
}

export function createContext(real: RealCountyData, seed: number): GenContext {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of real.boundary.coordinates) {
    for (const [x, y] of (polygon[0] ?? []) as [number, number][]) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  const proj = localProjection([(x0 + x1) / 2, (y0 + y1) / 2]);
  const [cx, cy] = proj.toXY(real.osmExtract.center);
  const h = real.osmExtract.halfSizeM;
  const osmBox: [number, number, number, number] = [cx - h, cy - h, cx + h, cy + h];
  return {
    real,
    rng: new Rng(seed),
    proj,
    county: real.boundary,
    countyRings: real.boundary.coordinates.flatMap((polygon) => polygon.map((ring) => ring.map(proj.toXY))),
    inCounty: (p) => pointInMultiPolygon(p, real.boundary),
    osmBox,
    inOsmBox: ([x, y], margin = 0) =>
      x >= osmBox[0] - margin && x <= osmBox[2] + margin && y >= osmBox[1] - margin && y <= osmBox[3] + margin,
  };
}
