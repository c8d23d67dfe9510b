/**
 * Candidate points for new municipal hydrants: along the roads (hydrants stand at the kerb,
 * GB 50974 §7.2.6) at most `stepM` apart, none within `minDistanceM` of an existing
 * hydrant, optionally only on some townships' roads or inside a drawn polygon.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { positiveMetres } from './hydrant-coverage';
import { positionAt, roadLine } from './hydrant-road-line';
import type { Road } from './hydrant-spacing';
import { type PointSet, pointSet } from './kd-index';
import { type LonLat, metresToChord, writeEcef } from './metric';

/** Candidate spacing along a road (issue 5: ≤ 25 m) — a tenth of the 150 m radius. */
export const CANDIDATE_STEP_M = 25;
/**
 * Default minimum distance from an existing hydrant: half the 120 m spacing of GB 50974
 * §7.2.5 — a project choice, no code sets it; a closer hydrant adds little.
 */
export const MIN_DISTANCE_M = 60;

export interface Candidate extends LonLat {
  /** Index into the roads passed in, and metres along it. */
  readonly road: number;
  readonly chainageM: number;
  readonly township: string | null;
}

export interface CandidateOptions {
  readonly stepM?: number;
  readonly minDistanceM?: number;
  readonly area?: Polygon | MultiPolygon;
  /** Only roads of these townships (by Road.township). */
  readonly townships?: readonly string[];
  /**
   * Hydrants no candidate may stand within `metres` of, whatever the plan counts (issue 13: one
   * closer than 5 m to any existing or planned hydrant is that hydrant entered twice).
   */
  readonly avoid?: { readonly points: PointSet; readonly metres: number };
}

/**
 * @example
 * const c = placementCandidates(streets, hydrants, { area: townshipPolygon });
 * c[0]; // { lon, lat, road: 0, chainageM: 0, township: '411121100' }
 */
export function placementCandidates(
  roads: readonly Road[],
  hydrants: readonly LonLat[] | PointSet,
  options: CandidateOptions = {},
): Candidate[] {
  const stepM = options.stepM ?? CANDIDATE_STEP_M;
  const minDistanceM = options.minDistanceM ?? MIN_DISTANCE_M;
  positiveMetres(stepM, 'step');
  if (!(Number.isFinite(minDistanceM) && minDistanceM >= 0)) {
    throw new RangeError(`minimum distance must be ≥ 0 m, got ${minDistanceM}`);
  }
  const kd = ('index' in hydrants ? hydrants : pointSet(hydrants)).index;
  const tooClose = minDistanceM > 0 ? metresToChord(minDistanceM) ** 2 : -1;
  const inArea = options.area ? areaTest(options.area) : () => true;
  const avoid = options.avoid;
  const avoidChord2 = avoid ? metresToChord(avoid.metres) ** 2 : -1;
  /** Road ends seen so far: latitudes by longitude (exact doubles, no string keys). */
  const ends = new Map<number, number[]>();
  const xyz = new Float64Array(3);
  const out: Candidate[] = [];
  const townships = options.townships ? new Set(options.townships) : undefined;
  roads.forEach((road, r) => {
    if (townships && !townships.has(road.township ?? '')) return;
    const line = roadLine(road.coordinates);
    const n = Math.max(1, Math.ceil(line.lengthM / stepM));
    for (let k = 0; k <= n; k++) {
      const [lon = NaN, lat = NaN] = positionAt(line, (k * line.lengthM) / n);
      // Road ends are shared by the roads meeting there: keep one candidate per junction.
      if (k === 0 || k === n) {
        const lats = ends.get(lon) ?? [];
        if (lats.includes(lat)) continue;
        lats.push(lat);
        ends.set(lon, lats);
      }
      writeEcef(lon, lat, xyz, 0);
      if (tooClose >= 0 && kd.nearest(xyz[0] as number, xyz[1] as number, xyz[2] as number, tooClose) >= 0) continue;
      if (avoid && avoid.points.index.nearest(xyz[0] as number, xyz[1] as number, xyz[2] as number, avoidChord2) >= 0) {
        continue;
      }
      if (!inArea([lon, lat])) continue;
      out.push({ lon, lat, road: r, chainageM: (k * line.lengthM) / n, township: road.township ?? null });
    }
  });
  return out;
}

/** Point-in-area test with a bounding-box shortcut (holes respected by turf). */
function areaTest(area: Polygon | MultiPolygon): (p: Position) => boolean {
  const rings = area.type === 'Polygon' ? area.coordinates : area.coordinates.flat();
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x = NaN, y = NaN] of ring) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return (p) => {
    const [x = NaN, y = NaN] = p;
    return x >= minX && x <= maxX && y >= minY && y <= maxY && booleanPointInPolygon(p, area);
  };
}
