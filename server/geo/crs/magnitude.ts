/**
 * What the numbers alone say about a file's coordinate system: degrees or metres, which
 * Gauss-Krüger zone, which axis order. Each point is classified by the ranges below (all of China,
 * so a second county needs no change); the classes present become candidates, the commonest
 * first, each with the points it explains and its reason. WGS84 / GCJ-02 / BD-09 (and Baidu vs Web
 * Mercator) cannot be told apart by magnitude: all are returned, for road-fit.ts to rank. Pure.
 *
 * @example guessByMagnitude([[38462830, 3708274]]).candidates[0] // → { system: 'epsg:4526', swapAxes: false, … }
 */
import { toWgs84 } from './convert';
import { FIRST_ZONE, gaussKrugerEpsg, LAST_ZONE } from './gauss-kruger';
import type { CrsId, XY } from './systems';

export interface CrsCandidate {
  system: CrsId;
  /** The file's first coordinate is the latitude / northing: swap before converting. */
  swapAxes: boolean;
  /** How many of the points fit this candidate's ranges. */
  points: number;
  reason: string;
}

export interface MagnitudeGuess {
  kind: 'geographic' | 'projected' | 'unknown';
  candidates: CrsCandidate[];
  /** Points with two finite numbers. */
  points: number;
  /** Points no class explains (blank cells as 0, typos, other countries, unsupported systems). */
  unexplained: number;
  reasons: string[];
}

export interface MagnitudeOptions {
  /** Longitude of the county's centre: picks the zone of eastings without a zone prefix. */
  centreLon?: number;
}

// China's extent, as gcoord's GCJ-02 bounding box (lon 72.004–137.8347, lat 0.8293–55.8271).
const LON: [number, number] = [72, 138];
const LAT: [number, number] = [0.8, 56];
// Northings (m) of that extent on the Gauss-Krüger zones (lat 0.8° ≈ 88 km, 56° ≈ 6.21e6 m); an
// easting without the prefix must come with a northing ≥ 1e6 (lat ≥ 9°), so that it is not read as
// a northing (swapped axes): only the South China Sea lies below.
const NORTHING: [number, number] = [80_000, 6_250_000];
const CM_NORTHING_MIN = 1_000_000;
// Eastings within a zone: 500,000 ± 400,000 (a 3° zone is ±1.5° wide, ≤ ±160 km in China; the
// margin admits points surveyed in a neighbouring zone).
const EASTING: [number, number] = [100_000, 900_000];
// Mercator metres of China's extent (Web and Baidu Mercator alike, to a few tens of km).
const MERCATOR_X: [number, number] = [7_900_000, 15_500_000];
const MERCATOR_Y: [number, number] = [80_000, 7_700_000];
// Longitude distance (°) from the county centre within which a zone's conversion is kept.
const ZONE_WINDOW_DEG = 1;

const within = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;

type PointClass =
  | { kind: 'lonlat'; swap: boolean }
  | { kind: 'gk-prefixed'; swap: boolean; zone: number }
  | { kind: 'gk-cm'; swap: boolean }
  | { kind: 'mercator'; swap: boolean }
  | { kind: 'gk-6-degree'; swap: boolean };

function prefixedZone(easting: number, northing: number): number | undefined {
  if (!within(northing, NORTHING)) return undefined;
  const zone = Math.floor(easting / 1_000_000);
  return zone >= FIRST_ZONE && zone <= LAST_ZONE && within(easting - zone * 1_000_000, EASTING) ? zone : undefined;
}

function classifyOrdered(a: number, b: number, swap: boolean): PointClass | undefined {
  if (within(a, LON) && within(b, LAT)) return { kind: 'lonlat', swap };
  const zone = prefixedZone(a, b);
  if (zone !== undefined) return { kind: 'gk-prefixed', swap, zone };
  if (within(a, EASTING) && within(b, NORTHING) && b >= CM_NORTHING_MIN) return { kind: 'gk-cm', swap };
  if (within(a, MERCATOR_X) && within(b, MERCATOR_Y)) return { kind: 'mercator', swap };
  // CGCS2000 6° zones 13–23 (EPSG:4491–4501) carry their prefix the same way; not supported.
  const six = Math.floor(a / 1_000_000);
  if (six >= 13 && six <= 23 && within(a - six * 1_000_000, EASTING) && within(b, NORTHING)) {
    return { kind: 'gk-6-degree', swap };
  }
  return undefined;
}

function classify([x, y]: XY): PointClass | undefined {
  return classifyOrdered(x, y, false) ?? classifyOrdered(y, x, true);
}

const keyOf = (c: PointClass) => `${c.kind}:${c.swap}:${c.kind === 'gk-prefixed' ? c.zone : ''}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const AXES = (swap: boolean) => (swap ? ' (axes swapped: the first column is the latitude / northing)' : '');

function candidatesOf(cls: PointClass, members: XY[], options: MagnitudeOptions): CrsCandidate[] {
  const swapAxes = cls.swap;
  const points = members.length;
  const axes = AXES(swapAxes);
  switch (cls.kind) {
    case 'lonlat': {
      const reason = `degrees within China (lon 72–138, lat 0.8–56)${axes}; WGS84 / CGCS2000, GCJ-02 and BD-09 look alike by number: rank them by road fit`;
      return (['wgs84', 'gcj02', 'bd09'] as const).map((system) => ({ system, swapAxes, points, reason }));
    }
    case 'gk-prefixed': {
      const epsg = gaussKrugerEpsg(cls.zone, true);
      const reason = `8-digit eastings ${cls.zone}xxxxxx: 3° Gauss-Krüger zone ${cls.zone} prefix (CM ${3 * cls.zone}°E) → EPSG:${epsg}${axes}`;
      return [{ system: `epsg:${epsg}`, swapAxes, points, reason }];
    }
    case 'gk-cm': {
      const ordered = members.map(([a, b]): XY => (swapAxes ? [b, a] : [a, b]));
      const centre: XY = [median(ordered.map((p) => p[0])), median(ordered.map((p) => p[1]))];
      const zones: number[] = [];
      for (let zone = FIRST_ZONE; zone <= LAST_ZONE; zone++) zones.push(zone);
      const lonOf = (zone: number) => toWgs84(`epsg:${gaussKrugerEpsg(zone, false)}`, centre)[0];
      const base = `eastings ~500,000 without a zone prefix, northings ~${(centre[1] / 1e6).toFixed(1)}e6${axes}`;
      const { centreLon } = options;
      if (centreLon === undefined) {
        return zones.map((zone) => ({
          system: `epsg:${gaussKrugerEpsg(zone, false)}`,
          swapAxes,
          points,
          reason: `${base}; no county centre given: every central meridian is a candidate (CM ${3 * zone}°E)`,
        }));
      }
      return zones
        .map((zone) => ({ zone, offset: Math.abs(lonOf(zone) - centreLon) }))
        .filter(({ offset }) => offset <= ZONE_WINDOW_DEG)
        .sort((p, q) => p.offset - q.offset)
        .map(({ zone, offset }) => ({
          system: `epsg:${gaussKrugerEpsg(zone, false)}`,
          swapAxes,
          points,
          reason: `${base}; on CM ${3 * zone}°E their median lies ${offset.toFixed(2)}° from the county centre (${centreLon}°E) → EPSG:${gaussKrugerEpsg(zone, false)}`,
        }));
    }
    case 'mercator': {
      const reason = `Mercator metres (x ~${(median(members.map((p) => p[swapAxes ? 1 : 0])) / 1e6).toFixed(2)}e6)${axes}; Baidu Mercator and Web Mercator differ by only tens of km: rank them by road fit`;
      return (['bd09mc', 'epsg:3857'] as const).map((system) => ({ system, swapAxes, points, reason }));
    }
    case 'gk-6-degree':
      return [];
  }
}

export function guessByMagnitude(points: readonly XY[], options: MagnitudeOptions = {}): MagnitudeGuess {
  const finite = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const groups = new Map<string, { cls: PointClass; members: XY[] }>();
  let unexplained = 0;
  for (const p of finite) {
    const cls = classify(p);
    if (!cls) {
      unexplained++;
      continue;
    }
    const key = keyOf(cls);
    const group = groups.get(key) ?? { cls, members: [] };
    group.members.push(p);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => b.members.length - a.members.length);
  const reasons: string[] = [];
  const candidates: CrsCandidate[] = [];
  for (const { cls, members } of ordered) {
    if (cls.kind === 'gk-6-degree') {
      reasons.push(
        `${members.length} points look like 6° Gauss-Krüger eastings with a zone prefix 13–23 (not supported)`,
      );
    }
    candidates.push(...candidatesOf(cls, members, options));
  }
  if (unexplained > 0)
    reasons.push(`${unexplained} of ${finite.length} points fit no supported system's ranges in China`);
  if (finite.length < points.length) reasons.push(`${points.length - finite.length} points are not two numbers`);
  const top = ordered[0]?.cls.kind;
  const kind = top === 'lonlat' ? 'geographic' : top === undefined ? 'unknown' : 'projected';
  return { kind, candidates, points: finite.length, unexplained, reasons };
}
