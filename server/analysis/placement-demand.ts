/**
 * The covering instance behind hydrant placement: the demand is every site with no hydrant
 * within the radius, weighted by its risk level, plus the uncovered road (hydrant-spacing.ts)
 * cut into short pieces weighted by their metres; candidate c covers an element when the
 * element lies within the radius of c on the ellipsoid, decided exactly as hydrantCoverage does.
 */
import type { HydrantCoverage } from './hydrant-coverage';
import { PROTECTION_RADIUS_M, positiveMetres } from './hydrant-coverage';
import type { SiteAttributes } from './hydrant-coverage-summary';
import { positionAt, roadLine } from './hydrant-road-line';
import type { RoadStretch } from './hydrant-spacing';
import { KdIndex3 } from './kd-index';
import { chord2, chordToMetres, type LonLat, metresToChord, writeEcef } from './metric';
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
  const radiusM = positiveMetres(options.radiusM ?? PROTECTION_RADIUS_M, 'radius');
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const pieceM = positiveMetres(options.pieceM ?? PIECE_M, 'piece length');
  const siteIds: number[] = [];
  input.sites.forEach((_, i) => {
    if (!input.coverage.covered[i]) siteIds.push(i);
  });
  const lines = input.stretches.map((s) => roadLine(s.coordinates));
  const pieces = lines.map((line) => Math.max(1, Math.ceil(line.lengthM / pieceM)));
  const n = siteIds.length + pieces.reduce((a, b) => a + b, 0);
  const xyz = new Float64Array(3 * n);
  const weight = new Float64Array(n);
  const metres = new Float64Array(n);
  siteIds.forEach((i, e) => {
    const site = input.sites[i] as LonLat & SiteAttributes;
    writeEcef(site.lon, site.lat, xyz, e);
    weight[e] = weights.risk[site.riskLevel ?? 0] ?? weights.risk[0] ?? 1;
  });
  let e = siteIds.length;
  lines.forEach((line, k) => {
    const count = pieces[k] as number;
    const len = line.lengthM / count;
    for (let p = 0; p < count; p++, e++) {
      const [lon = NaN, lat = NaN] = positionAt(line, (p + 0.5) * len);
      writeEcef(lon, lat, xyz, e);
      weight[e] = len * weights.perMetre;
      metres[e] = len;
    }
  });
  const kd = new KdIndex3(xyz);
  // Inside chord − 1 µm an element is covered for sure; within 1 µm of the radius it is
  // decided in metres, exactly as hydrantCoverage decides.
  const chord = metresToChord(radiusM);
  const sure2 = (chord - 1e-6) ** 2;
  const q = new Float64Array(3);
  const setStart = new Int32Array(input.candidates.length + 1);
  let elems = new Int32Array(1024);
  let size = 0;
  const found: number[] = [];
  for (let c = 0; c < input.candidates.length; c++) {
    const candidate = input.candidates[c] as LonLat;
    writeEcef(candidate.lon, candidate.lat, q, 0);
    found.length = 0;
    kd.within(q[0] as number, q[1] as number, q[2] as number, chord + 1e-6, found);
    if (size + found.length > elems.length) {
      const grown = new Int32Array(Math.max(2 * elems.length, size + found.length));
      grown.set(elems);
      elems = grown;
    }
    for (let k = 0; k < found.length; k++) {
      const el = found[k] as number;
      const d2 = chord2(xyz, el, q, 0);
      if (d2 <= sure2 || chordToMetres(Math.sqrt(d2)) <= radiusM) elems[size++] = el;
    }
    setStart[c + 1] = size;
  }
  return {
    weight,
    setStart,
    setElems: elems.slice(0, size),
    sites: Int32Array.from(siteIds),
    metres,
  };
}
