/**
 * The covering instance behind hydrant placement: the demand is every site with no hydrant
 * within the radius, weighted by its risk level, plus the uncovered road (hydrant-spacing.ts)
 * cut into short pieces weighted by their metres; candidate c covers an element when the
 * element lies within the radius of c on the ellipsoid, decided exactly as hydrantCoverage does.
 */
import type { HydrantCoverage } from './hydrant-coverage';
import { checkRadius, PROTECTION_RADIUS_M } from './hydrant-coverage';
import type { SiteAttributes } from './hydrant-coverage-summary';
import { positionAt, roadLine } from './hydrant-road-line';
import type { RoadStretch } from './hydrant-spacing';
import { KdIndex3 } from './kd-index';
import { chord2, chordToMetres, type LonLat, metresToChord, toEcef, writeEcef } from './metric';
import type { CoverInstance } from './placement-greedy';

export interface PlacementWeights {
  /** Weight of one uncovered site by risk level (index 0 for an unknown level). */
  readonly risk: readonly number[];
  /** Weight of one metre of uncovered road. */
  readonly perMetre: number;
}

/**
 * Project defaults, not from a code: each risk level (1 = low … 4 = very high) counts double
 * the one below, and 50 m of uncovered road count as one low-risk site.
 */
export const DEFAULT_WEIGHTS: PlacementWeights = { risk: [1, 1, 2, 4, 8], perMetre: 1 / 50 };
/** Length of the road pieces: metres covered are exact to about one piece per stretch end. */
export const PIECE_M = 10;

export interface PlacementDemand extends CoverInstance {
  /** Elements [0, sites.length) are sites, by index into the sites passed in; the rest road pieces. */
  readonly sites: Int32Array;
  /** Metres of road of each element (0 for sites). */
  readonly metres: Float64Array;
}

export interface DemandInput {
  readonly sites: readonly (LonLat & SiteAttributes)[];
  /** Coverage of those sites by the existing hydrants: only uncovered sites are demand. */
  readonly coverage: HydrantCoverage;
  /** Uncovered road stretches (hydrantSpacing().uncovered). */
  readonly stretches: readonly RoadStretch[];
  readonly candidates: readonly LonLat[];
}

export interface DemandOptions {
  readonly radiusM?: number;
  readonly weights?: PlacementWeights;
  readonly pieceM?: number;
}

/**
 * @example
 * const demand = placementDemand({ sites, coverage, stretches: spacing.uncovered, candidates });
 * lazyGreedy(demand, 30);
 */
export function placementDemand(input: DemandInput, options: DemandOptions = {}): PlacementDemand {
  const radiusM = checkRadius(options.radiusM ?? PROTECTION_RADIUS_M);
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const pieceM = checkRadius(options.pieceM ?? PIECE_M);
  const points: LonLat[] = [];
  const siteIds: number[] = [];
  const weight: number[] = [];
  const metres: number[] = [];
  input.sites.forEach((site, i) => {
    if (input.coverage.covered[i]) return;
    points.push(site);
    siteIds.push(i);
    weight.push(weights.risk[site.riskLevel ?? 0] ?? weights.risk[0] ?? 1);
    metres.push(0);
  });
  for (const stretch of input.stretches) {
    const line = roadLine(stretch.coordinates);
    const n = Math.max(1, Math.ceil(line.lengthM / pieceM));
    const len = line.lengthM / n;
    for (let k = 0; k < n; k++) {
      const [lon = NaN, lat = NaN] = positionAt(line, (k + 0.5) * len);
      points.push({ lon, lat });
      weight.push(len * weights.perMetre);
      metres.push(len);
    }
  }
  const xyz = toEcef(points);
  const kd = new KdIndex3(xyz);
  const r = metresToChord(radiusM) + 1e-6;
  const q = new Float64Array(3);
  const setStart = new Int32Array(input.candidates.length + 1);
  const elems: number[] = [];
  const found: number[] = [];
  input.candidates.forEach((c, i) => {
    writeEcef(c.lon, c.lat, q, 0);
    found.length = 0;
    for (const e of kd.within(q[0] as number, q[1] as number, q[2] as number, r, found)) {
      if (chordToMetres(Math.sqrt(chord2(xyz, e, q, 0))) <= radiusM) elems.push(e);
    }
    setStart[i + 1] = elems.length;
  });
  return {
    weight: Float64Array.from(weight),
    setStart,
    setElems: Int32Array.from(elems),
    sites: Int32Array.from(siteIds),
    metres: Float64Array.from(metres),
  };
}
