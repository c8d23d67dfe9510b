/**
 * Spacing gaps along roads in built-up areas (the caller passes only those roads): the
 * stretches outside the protection radius of every hydrant, and the stretches between
 * consecutive hydrants along a road that are farther apart than the maximum spacing —
 * both GB 50974-2014 §7.2.5. Pass roads merged into whole streets: hydrants
 * are "consecutive" only along one LineString.
 */
import type { Position } from 'geojson';
import { PROTECTION_RADIUS_M, positiveMetres } from './hydrant-coverage';
import { chainageAt, type RoadLine, roadLine, segmentNearest, segmentWithin, slice } from './hydrant-road-line';
import { type PointSet, pointSet } from './kd-index';
import { type LonLat, metresToChord } from './metric';

/** Municipal hydrant spacing, 不应大于 120 m — GB 50974-2014 §7.2.5. */
export const HYDRANT_SPACING_M = 120;
/**
 * How far from a road centreline a hydrant still counts as on that road: kerb offset
 * 0.5–2.0 m (GB 50974-2014 §7.2.6) plus half a carriageway. A project default.
 */
export const SNAP_M = 10;

export interface Road {
  readonly coordinates: readonly Position[];
  readonly township?: string | null;
}

export interface RoadStretch {
  /** Index into the roads passed in. */
  readonly road: number;
  readonly township: string | null;
  /** Chainage along the road, metres. */
  readonly fromM: number;
  readonly toM: number;
  readonly lengthM: number;
  readonly coordinates: Position[];
}

export interface TownshipRoadTotals {
  /** Township code; '' for roads without one. */
  readonly township: string;
  readonly roadM: number;
  readonly uncoveredM: number;
  readonly uncoveredStretches: number;
  readonly spacingGapM: number;
  readonly spacingGaps: number;
}

export interface HydrantSpacing {
  /** Stretches with no hydrant within the radius. */
  readonly uncovered: RoadStretch[];
  /** Stretches between consecutive hydrants on the road more than spacingM apart. */
  readonly spacingGaps: RoadStretch[];
  readonly byTownship: TownshipRoadTotals[];
}

export interface SpacingOptions {
  readonly radiusM?: number;
  readonly spacingM?: number;
  readonly snapM?: number;
}

/** Pieces shorter than this (1 cm) are rounding, not gaps. */
const MIN_STRETCH_M = 0.01;

/**
 * @example
 * const s = hydrantSpacing([{ coordinates: street, township: '411121100' }], hydrants);
 * s.uncovered[0]; // { road: 0, fromM: 0, toM: 212.4, lengthM: 212.4, coordinates: […] }
 */
export function hydrantSpacing(
  roads: readonly Road[],
  hydrants: readonly LonLat[] | PointSet,
  options: SpacingOptions = {},
): HydrantSpacing {
  const radiusM = positiveMetres(options.radiusM ?? PROTECTION_RADIUS_M, 'radius');
  const spacingM = positiveMetres(options.spacingM ?? HYDRANT_SPACING_M, 'spacing');
  const snapM = positiveMetres(options.snapM ?? SNAP_M, 'snap distance');
  const h = 'index' in hydrants ? hydrants : pointSet(hydrants);
  const uncovered: RoadStretch[] = [];
  const spacingGaps: RoadStretch[] = [];
  const totals = new Map<string, { roadM: number; uncoveredM: number; n: number; gapM: number; gaps: number }>();
  roads.forEach((road, r) => {
    const line = roadLine(road.coordinates);
    const township = road.township ?? null;
    const { covered, onRoad } = hydrantsAlong(line, h, metresToChord(radiusM), metresToChord(snapM));
    const stretch = (fromM: number, toM: number): RoadStretch => ({
      road: r,
      township,
      fromM,
      toM,
      lengthM: toM - fromM,
      coordinates: slice(line, fromM, toM),
    });
    const key = township ?? '';
    const t = totals.get(key) ?? { roadM: 0, uncoveredM: 0, n: 0, gapM: 0, gaps: 0 };
    totals.set(key, t);
    t.roadM += line.lengthM;
    for (const [from, to] of complement(covered, line.lengthM)) {
      uncovered.push(stretch(from, to));
      t.uncoveredM += to - from;
      t.n++;
    }
    for (let k = 1; k < onRoad.length; k++) {
      const from = onRoad[k - 1] as number;
      const to = onRoad[k] as number;
      if (to - from <= spacingM) continue;
      spacingGaps.push(stretch(from, to));
      t.gapM += to - from;
      t.gaps++;
    }
  });
  const byTownship = [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([township, t]) => ({
      township,
      roadM: t.roadM,
      uncoveredM: t.uncoveredM,
      uncoveredStretches: t.n,
      spacingGapM: t.gapM,
      spacingGaps: t.gaps,
    }));
  return { uncovered, spacingGaps, byTownship };
}

/**
 * Chainage intervals of the line within chord `r` of some hydrant, and the sorted chainages
 * of the hydrants within chord `snap` of the line (each at its nearest point).
 */
function hydrantsAlong(
  line: RoadLine,
  h: PointSet,
  r: number,
  snap: number,
): { covered: [number, number][]; onRoad: number[] } {
  const covered: [number, number][] = [];
  const snapped = new Map<number, { d2: number; m: number }>();
  const { xyz } = line;
  const found: number[] = [];
  for (let i = 0; i + 1 < line.coordinates.length; i++) {
    const half =
      Math.hypot(
        (xyz[3 * i + 3] as number) - (xyz[3 * i] as number),
        (xyz[3 * i + 4] as number) - (xyz[3 * i + 1] as number),
        (xyz[3 * i + 5] as number) - (xyz[3 * i + 2] as number),
      ) / 2;
    found.length = 0;
    h.index.within(
      ((xyz[3 * i] as number) + (xyz[3 * i + 3] as number)) / 2,
      ((xyz[3 * i + 1] as number) + (xyz[3 * i + 4] as number)) / 2,
      ((xyz[3 * i + 2] as number) + (xyz[3 * i + 5] as number)) / 2,
      half + Math.max(r, snap),
      found,
    );
    for (const j of found) {
      const t = segmentWithin(line, i, h.xyz, j, r);
      if (t) covered.push([chainageAt(line, i, t[0]), chainageAt(line, i, t[1])]);
      const near = segmentNearest(line, i, h.xyz, j);
      const best = snapped.get(j);
      if (near.d2 <= snap * snap && (!best || near.d2 < best.d2)) {
        snapped.set(j, { d2: near.d2, m: chainageAt(line, i, near.t) });
      }
    }
  }
  const onRoad = [...snapped.values()].map((s) => s.m).sort((a, b) => a - b);
  return { covered, onRoad };
}

/** The parts of [0, length] outside the union of the intervals, each ≥ MIN_STRETCH_M. */
function complement(intervals: [number, number][], length: number): [number, number][] {
  intervals.sort((a, b) => a[0] - b[0]);
  const gaps: [number, number][] = [];
  let at = 0;
  for (const [from, to] of intervals) {
    if (from - at >= MIN_STRETCH_M) gaps.push([at, from]);
    at = Math.max(at, to);
  }
  if (length - at >= MIN_STRETCH_M) gaps.push([at, length]);
  return gaps;
}
