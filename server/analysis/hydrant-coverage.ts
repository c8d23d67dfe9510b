/**
 * Hydrant coverage: for every site, the nearest hydrant and its distance in metres on the
 * WGS84 ellipsoid (what PostGIS `ST_Distance(a::geography, b::geography)` gives), and
 * whether it lies within the protection radius. The caller chooses which hydrants count
 * (in service only by default, DESIGN.md § Analysis).
 */
import { type PointSet, pointSet } from './kd-index';
import { chordToMetres, type LonLat, metresToChord, toEcef } from './metric';

/** Municipal hydrant protection radius, 不应超过 150 m — GB 50974-2014 §7.2.5. */
export const PROTECTION_RADIUS_M = 150;

/** Per-site answers, indexed like the sites passed in. */
export interface HydrantCoverage {
  readonly radiusM: number;
  /** Index (into the hydrants passed in) of the nearest hydrant; -1 when there are none. */
  readonly nearest: Int32Array;
  /** Ellipsoidal metres to that hydrant; Infinity when there are none. */
  readonly distanceM: Float64Array;
  /** 1 when distanceM ≤ radiusM (PostGIS ST_DWithin is inclusive too). */
  readonly covered: Uint8Array;
  readonly coveredCount: number;
}

/**
 * Throws a RangeError unless `metres` is a positive finite length; returns it.
 * @example
 * positiveMetres(150, 'radius'); // 150
 * positiveMetres(-1, 'radius'); // throws RangeError: radius must be > 0 m, got -1
 */
export function positiveMetres(metres: number, name: string): number {
  if (!(Number.isFinite(metres) && metres > 0)) throw new RangeError(`${name} must be > 0 m, got ${metres}`);
  return metres;
}

/**
 * Sites may come as lon/lat or already packed by toEcef; hydrants as lon/lat or as a cached
 * pointSet (the server keeps one per hydrant filter).
 * @example
 * const c = hydrantCoverage(sites, hydrants); // radius 150 m
 * c.covered[0]; // 1 if site 0 has a hydrant within 150 m
 * c.distanceM[0]; // metres to hydrants[c.nearest[0]]
 */
export function hydrantCoverage(
  sites: readonly LonLat[] | Float64Array,
  hydrants: readonly LonLat[] | PointSet,
  radiusM = PROTECTION_RADIUS_M,
): HydrantCoverage {
  positiveMetres(radiusM, 'radius');
  const xyz = sites instanceof Float64Array ? sites : toEcef(sites);
  const kd = ('index' in hydrants ? hydrants : pointSet(hydrants)).index;
  const n = xyz.length / 3;
  const nearest = new Int32Array(n);
  const distanceM = new Float64Array(n);
  const covered = new Uint8Array(n);
  // A search bounded by the radius prunes most of the tree; only sites with nothing inside
  // it need the open search. (The margin keeps boundary cases for the exact test below.)
  const bound = metresToChord(radiusM) + 1e-6;
  let coveredCount = 0;
  for (let i = 0; i < n; i++) {
    const x = xyz[3 * i] as number;
    const y = xyz[3 * i + 1] as number;
    const z = xyz[3 * i + 2] as number;
    let j = kd.nearest(x, y, z, bound * bound);
    if (j < 0) j = kd.nearest(x, y, z);
    const d = j < 0 ? Infinity : chordToMetres(Math.sqrt(kd.d2));
    nearest[i] = j;
    distanceM[i] = d;
    if (d <= radiusM) {
      covered[i] = 1;
      coveredCount++;
    }
  }
  return { radiusM, nearest, distanceM, covered, coveredCount };
}
