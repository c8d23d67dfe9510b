/**
 * The fire call's units (issue 14): every in-service or built unit to the scene point in the
 * station coverage model — the same network (station-network.ts), unit placement (placeUnits with
 * the coverage's off-road limit and access speed), scene road positions (accessLists, as the sites
 * get theirs) and off-road speed — through one reversed search from the scene. Ranked by ETA are
 * the units on duty (在岗), or all of them with `units=all`; the rest are listed, not ranked.
 */
import type { RoadGraph } from '../analysis/csr-graph';
import { type ReverseArcs, reverseArcs, reverseReach, sceneSeeds, unitEtas } from '../analysis/fire-call-eta';
import { placeUnits } from '../analysis/place-units';
import { accessLists } from '../analysis/road-access';
import { routeLine } from '../analysis/route-geometry';
import { type TracedRoute, traceRoute } from '../analysis/route-trace';
import { ACCESS_SPEED_KMH, OFF_ROAD_SPEED_KMH, SITE_CUTOFF_S } from './station-evaluation';
import { MAX_OFF_ROAD_M, type StationNetwork } from './station-network';
import type { ConsideredUnit } from './station-units';

const reversed = new WeakMap<RoadGraph, ReverseArcs>();

/** The reversed arcs of a network's graph, built once per graph. */
export function reverseOf(graph: RoadGraph): ReverseArcs {
  let r = reversed.get(graph);
  if (!r) {
    r = reverseArcs(graph);
    reversed.set(graph, r);
  }
  return r;
}

/** The scene's road positions within the off-road limit, exactly as a site's (station-network.ts). */
export function scenePositions(network: StationNetwork, lon: number, lat: number) {
  const [x, y] = network.graph.projection.forward(lon, lat);
  return accessLists(network.index, [x], [y], MAX_OFF_ROAD_M);
}

export interface UnitArrival {
  unit: ConsideredUnit;
  /** Seconds, unrounded; Infinity when off the network or beyond the search. */
  etaS: number;
  offNetwork: boolean;
  route: TracedRoute | null;
}

/** Every unit's ETA and (when reached) its traced route to the point. */
export function unitArrivals(network: StationNetwork, units: ConsideredUnit[], lon: number, lat: number) {
  const { graph } = network;
  const scene = scenePositions(network, lon, lat);
  const placed = placeUnits(network.index, units, { maxOffRoadM: MAX_OFF_ROAD_M, accessSpeedKmh: ACCESS_SPEED_KMH });
  const seeds = sceneSeeds(graph, scene, OFF_ROAD_SPEED_KMH);
  const reach = reverseReach(reverseOf(graph), seeds, SITE_CUTOFF_S);
  const etas = unitEtas(graph, placed, units.length, scene, reach, OFF_ROAD_SPEED_KMH);
  const off = new Set(placed.offNetwork.map((o) => o.source));
  const arrivals: UnitArrival[] = etas.map((e) => ({
    unit: units[e.source] as ConsideredUnit,
    etaS: e.etaS,
    offNetwork: off.has(e.source),
    route:
      e.way === null
        ? null
        : traceRoute(
            graph,
            reach,
            seeds,
            scene,
            placed.placements[e.way.placement] as (typeof placed.placements)[number],
            e.way,
            OFF_ROAD_SPEED_KMH,
          ),
  }));
  return { arrivals, sceneOnRoad: scene.edge.length > 0, scene };
}

/** Road metres of a route (the edge pieces; the yard and off-road legs aside). */
export function routeRoadM(graph: RoadGraph, route: TracedRoute): number {
  return route.steps.reduce(
    (m, s) => m + Math.abs(s.toFraction - s.fromFraction) * (graph.edgeLengthM[s.edge] as number),
    0,
  );
}

/** A route as a GeoJSON line with its steps (road ids, seconds, metres). */
export function routeFeature(graph: RoadGraph, a: UnitArrival, rank: number, scene: [number, number]) {
  const route = a.route as TracedRoute;
  return {
    type: 'Feature' as const,
    properties: {
      unitId: a.unit.id as number,
      code: a.unit.code,
      name: a.unit.name,
      rank,
      etaS: Math.round(a.etaS * 10) / 10,
      turnoutS: a.unit.turnoutS,
      accessS: route.startS - a.unit.turnoutS,
      offRoadS: route.offRoadS,
      steps: route.steps.map((s) => ({
        roadId: graph.edgeId[s.edge] as number,
        fromFraction: s.fromFraction,
        toFraction: s.toFraction,
        timeS: s.timeS,
        lengthM: Math.abs(s.toFraction - s.fromFraction) * (graph.edgeLengthM[s.edge] as number),
      })),
    },
    geometry: {
      type: 'LineString' as const,
      coordinates: routeLine(graph, [a.unit.lon, a.unit.lat], route.steps, scene),
    },
  };
}
