/**
 * Which candidate system puts a file's points on the real roads (docs/standards.md §5): hydrants
 * and most sites stand within metres of a street, while GCJ-02 read as WGS84 (or the reverse) is
 * off by ~585 m in Wuyang and BD-09 by more. Each candidate converts the points to WGS84; the
 * distance of each to its nearest road segment (flatbush over the segments in a local metric
 * projection, plane.ts) gives a median per candidate. Pure: the roads come in as WGS84 segments.
 *
 * The decision rule (defaults): the best candidate wins when its median is below 15 m, below
 * half the next candidate's, and rests on at least 5 points inside the roads' area; otherwise
 * the answer is "uncertain" and the user chooses.
 */
import Flatbush from 'flatbush';
import { localProjection, type XY as PlaneXY } from '../plane';
import { projectOnSegment } from '../segments';
import { toWgs84 } from './convert';
import type { CrsId, XY } from './systems';

export type RoadSegment = readonly [XY, XY];

export interface RoadFitCandidate {
  system: CrsId;
  swapAxes?: boolean;
}

export interface RoadFitOptions {
  /** The winner's median must be below this (m). */
  maxMedianM?: number;
  /** … and below this fraction of the runner-up's median. */
  maxRatio?: number;
  /** … over at least this many points inside the roads' area. */
  minPoints?: number;
  /** Distances are searched (and capped) up to this (m); the roads' area is their extent grown by it. */
  searchRadiusM?: number;
}

export interface CandidateFit {
  system: CrsId;
  swapAxes: boolean;
  /** Median distance (m) to the nearest road of the points used, capped at searchRadiusM; null with no point used. */
  medianM: number | null;
  /** Points that converted and fell inside the roads' area. */
  pointsUsed: number;
}

export interface RoadFit {
  /** The winner, or null when uncertain. */
  choice: CandidateFit | null;
  uncertain: boolean;
  reason: string;
  /** Every candidate, best (smallest median) first. */
  fits: CandidateFit[];
}

const DEFAULTS: Required<RoadFitOptions> = { maxMedianM: 15, maxRatio: 0.5, minPoints: 5, searchRadiusM: 2000 };

interface RoadIndex {
  toXY(p: XY): PlaneXY;
  distance(p: PlaneXY): number;
  contains(p: PlaneXY): boolean;
}

function indexRoads(segments: readonly RoadSegment[], radius: number): RoadIndex {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const segment of segments) {
    for (const [lon, lat] of segment) {
      minLon = Math.min(minLon, lon);
      minLat = Math.min(minLat, lat);
      maxLon = Math.max(maxLon, lon);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const projection = localProjection([(minLon + maxLon) / 2, (minLat + maxLat) / 2]);
  const toXY = (p: XY) => projection.toXY(p);
  const ends = segments.map(([a, b]) => [toXY(a), toXY(b)] as const);
  const index = new Flatbush(Math.max(1, ends.length));
  for (const [a, b] of ends) {
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  if (ends.length === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  const exact = (p: PlaneXY, i: number) => {
    const [a, b] = ends[i] as readonly [PlaneXY, PlaneXY];
    return projectOnSegment(p, a, b).dist;
  };
  return {
    toXY,
    // The segment nearest by box is not always the nearest: every segment whose box lies within
    // that first exact distance is checked.
    distance(p) {
      if (ends.length === 0) return radius;
      let best = radius;
      for (const i of index.neighbors(p[0], p[1], 4, radius)) best = Math.min(best, exact(p, i));
      for (const i of index.search(p[0] - best, p[1] - best, p[0] + best, p[1] + best))
        best = Math.min(best, exact(p, i));
      return best;
    },
    contains: (p) =>
      p[0] >= index.minX - radius &&
      p[0] <= index.maxX + radius &&
      p[1] >= index.minY - radius &&
      p[1] <= index.maxY + radius,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fitOf(points: readonly XY[], candidate: RoadFitCandidate, roads: RoadIndex): CandidateFit {
  const swapAxes = candidate.swapAxes ?? false;
  const distances: number[] = [];
  for (const [a, b] of points) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    let wgs: XY;
    try {
      wgs = toWgs84(candidate.system, swapAxes ? [b, a] : [a, b]);
    } catch {
      continue;
    }
    if (!Number.isFinite(wgs[0]) || !Number.isFinite(wgs[1])) continue;
    const xy = roads.toXY(wgs);
    if (roads.contains(xy)) distances.push(roads.distance(xy));
  }
  return { system: candidate.system, swapAxes, medianM: median(distances), pointsUsed: distances.length };
}

const label = (f: CandidateFit) => `${f.system}${f.swapAxes ? ' (swapped)' : ''}`;
const metres = (m: number | null) => (m === null ? 'no point near the roads' : `median ${m.toFixed(1)} m`);

export function rankByRoadFit(
  points: readonly XY[],
  candidates: readonly RoadFitCandidate[],
  roadSegments: readonly RoadSegment[],
  options: RoadFitOptions = {},
): RoadFit {
  const { maxMedianM, maxRatio, minPoints, searchRadiusM } = { ...DEFAULTS, ...options };
  const roads = indexRoads(roadSegments, searchRadiusM);
  const fits = candidates
    .map((c) => fitOf(points, c, roads))
    .sort((p, q) => (p.medianM ?? Infinity) - (q.medianM ?? Infinity));
  const [best, next] = fits;
  const uncertain = (reason: string): RoadFit => ({ choice: null, uncertain: true, reason, fits });
  if (!best || best.medianM === null) return uncertain('no candidate puts any point near the roads');
  if (best.pointsUsed < minPoints) {
    return uncertain(`${label(best)}: only ${best.pointsUsed} points near the roads (at least ${minPoints} needed)`);
  }
  if (best.medianM >= maxMedianM) {
    return uncertain(`${label(best)} fits best but its ${metres(best.medianM)} is not below ${maxMedianM} m`);
  }
  if (next?.medianM !== null && next !== undefined && best.medianM >= maxRatio * next.medianM) {
    return uncertain(
      `${label(best)} (${metres(best.medianM)}) is not clearly better than ${label(next)} (${metres(next.medianM)})`,
    );
  }
  const runnerUp = next ? `; next ${label(next)}: ${metres(next.medianM)}` : '';
  return {
    choice: best,
    uncertain: false,
    reason: `${label(best)}: ${metres(best.medianM)} over ${best.pointsUsed} points${runnerUp}`,
    fits,
  };
}
