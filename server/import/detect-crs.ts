/**
 * The file's coordinate system (issue 12 §2): by magnitude (degrees or metres, zone prefix, axis
 * order — magnitude.ts), then among the candidates a number alone cannot tell apart (WGS84 /
 * GCJ-02 / BD-09, Baidu / Web Mercator) by how the points sit on the county's roads
 * (road-fit.ts). A user's `crs=` skips the choice but keeps the evidence. Pure.
 */
import { guessByMagnitude } from '../geo/crs/magnitude';
import { type RoadFitOptions, type RoadSegment, rankByRoadFit } from '../geo/crs/road-fit';
import type { CrsId, XY } from '../geo/crs/systems';
import { ImportFileError } from './file-error';

export interface CrsEvidence {
  crs: CrsId;
  swapAxes: boolean;
  /** Median distance (m) to the nearest road; null when no point fell near the roads. */
  medianM: number | null;
  pointsUsed: number;
}

export interface Detection {
  /** What detection chose; null when it is uncertain (or found nothing). */
  crs: CrsId | null;
  /** The system the preview converts with: the user's, else the detected, else the best-ranked. */
  chosen: CrsId;
  swapAxes: boolean;
  uncertain: boolean;
  /** True when `crs=` named the system. */
  byUser: boolean;
  reason: string;
  /** The same reason in Chinese (set by the pipeline: it knows what the points were fitted to). */
  reasonZh?: string;
  evidence: { candidates: CrsEvidence[]; points: number; magnitude: string[] };
}

/** At most this many points are ranked (evenly spread over the file): the medians settle long before. */
const SAMPLE = 2000;

function sample(points: readonly XY[]): XY[] {
  if (points.length <= SAMPLE) return [...points];
  const step = points.length / SAMPLE;
  return Array.from({ length: SAMPLE }, (_, i) => points[Math.floor(i * step)] as XY);
}

export function detectCrs(
  points: readonly XY[],
  roads: readonly RoadSegment[],
  options: { asked: CrsId | 'auto'; centreLon: number; fit?: RoadFitOptions },
): Detection {
  const used = sample(points);
  const guess = guessByMagnitude(used, { centreLon: options.centreLon });
  const byUser = options.asked !== 'auto';
  // For a user's system the axis order still comes from the numbers (a sheet with 纬度 first).
  const candidates = byUser
    ? [
        {
          system: options.asked as CrsId,
          swapAxes:
            guess.candidates.find((c) => c.system === options.asked)?.swapAxes ??
            guess.candidates[0]?.swapAxes ??
            false,
        },
      ]
    : guess.candidates;
  if (candidates.length === 0) {
    throw new ImportFileError(
      422,
      'analysis_input',
      {
        zh: '坐标不属于任何支持的坐标系（WGS84 / CGCS2000 / GCJ-02 / BD-09 / 高斯-克吕格 3° 带），请检查经纬度列',
        en: 'the coordinates fit no supported system (WGS84 / CGCS2000 / GCJ-02 / BD-09 / 3° Gauss-Krüger): check the coordinate columns',
      },
      { magnitude: guess.reasons, points: guess.points },
    );
  }
  const fit = rankByRoadFit(used, candidates, roads, options.fit);
  const evidence = {
    candidates: fit.fits.map((f) => ({
      crs: f.system,
      swapAxes: f.swapAxes,
      medianM: f.medianM === null ? null : Math.round(f.medianM * 10) / 10,
      pointsUsed: f.pointsUsed,
    })),
    points: used.length,
    magnitude: [...new Set(guess.candidates.map((c) => c.reason)), ...guess.reasons],
  };
  const best = fit.fits[0];
  if (byUser) {
    return {
      crs: null,
      chosen: options.asked as CrsId,
      swapAxes: candidates[0]?.swapAxes ?? false,
      uncertain: false,
      byUser,
      reason: `chosen by the user; ${fit.reason}`,
      evidence,
    };
  }
  // A single candidate by magnitude (a Gauss-Krüger zone) needs no road fit to be chosen.
  if (candidates.length === 1 && best) {
    return {
      crs: best.system,
      chosen: best.system,
      swapAxes: best.swapAxes,
      uncertain: false,
      byUser,
      reason: guess.candidates[0]?.reason ?? fit.reason,
      evidence,
    };
  }
  const pick = fit.choice ?? best;
  return {
    crs: fit.choice?.system ?? null,
    chosen: (pick?.system ?? candidates[0]?.system) as CrsId,
    swapAxes: pick?.swapAxes ?? false,
    uncertain: fit.uncertain,
    byUser,
    reason: fit.reason,
    evidence,
  };
}
