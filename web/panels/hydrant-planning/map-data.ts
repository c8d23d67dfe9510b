/**
 * The FeatureCollections the 消火栓规划 layers draw, built from the server's answers and the
 * panel's choices (pure): uncovered sites, numbered proposals and their circles, what-if points,
 * the plan area.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { HydrantCoverage, HydrantPlan } from './api';
import { circleCollection } from './circles';

export function emptyFc<G extends Polygon | Point>(): FeatureCollection<G> {
  return { type: 'FeatureCollection', features: [] };
}

export function uncoveredPoints(coverage: HydrantCoverage | undefined): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: (coverage?.uncovered ?? []).map(
      (u): Feature<Point> => ({
        type: 'Feature',
        id: u.id,
        properties: { id: u.id, riskLevel: u.riskLevel, category: u.category, name: u.name },
        geometry: { type: 'Point', coordinates: [u.lon, u.lat] },
      }),
    ),
  };
}

export function proposalPoints(
  plan: HydrantPlan | undefined,
  stateOf: (rank: number) => string,
  hovered: number | undefined,
  accepted: ReadonlyMap<number, string>,
): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: (plan?.proposals ?? []).map(
      (p): Feature<Point> => ({
        type: 'Feature',
        id: p.rank,
        properties: {
          id: p.rank,
          rank: p.rank,
          state: stateOf(p.rank),
          highlight: hovered === p.rank,
          township: p.townshipName,
          roadName: p.roadName,
          gainSites: p.gain.sites,
          gainRoadM: p.gain.roadM,
          code: accepted.get(p.rank) ?? null,
        },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      }),
    ),
  };
}

/** Circles of the proposals still in the working set, the hovered one highlighted. */
export function proposalCircles(
  plan: HydrantPlan | undefined,
  rejected: ReadonlySet<number>,
  hovered: number | undefined,
): FeatureCollection<Polygon> {
  if (!plan) return emptyFc();
  return circleCollection(
    plan.proposals
      .filter((p) => !rejected.has(p.rank))
      .map((p) => ({ id: p.rank, lon: p.lon, lat: p.lat, highlight: hovered === p.rank })),
    plan.assumptions.radiusM,
  );
}

export function whatIfPoints(
  hypothetical: readonly [number, number][],
  faulty: readonly { id: number; code: string; lon: number; lat: number }[],
): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: [
      ...hypothetical.map(
        ([lon, lat], i): Feature<Point> => ({
          type: 'Feature',
          id: `add-${i}`,
          properties: { id: `add-${i}`, kind: 'add', n: i + 1 },
          geometry: { type: 'Point', coordinates: [lon, lat] },
        }),
      ),
      ...faulty.map(
        (f): Feature<Point> => ({
          type: 'Feature',
          id: `faulty-${f.id}`,
          properties: { id: `faulty-${f.id}`, kind: 'faulty', code: f.code },
          geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
        }),
      ),
    ],
  };
}

export function areaCollection(area: Polygon | undefined): FeatureCollection {
  return { type: 'FeatureCollection', features: area ? [{ type: 'Feature', properties: {}, geometry: area }] : [] };
}
