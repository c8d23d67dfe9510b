/**
 * The inspection run of a township (GET /api/inspections/route): its due hydrants in a visiting
 * order along the roads, from its township team (else its seat) and back — road distances on the
 * station network's graph (road-distance-matrix.ts), nearest neighbour + 2-opt
 * (analysis/inspection-route.ts). Hydrants the start cannot reach by road are listed apart.
 */
import type { FeatureCollection } from 'geojson';
import type { Db } from '../../db/client';
import { type DueHydrant, dueHydrants, routeStart } from '../../db/queries/inspections';
import { inspectionTour } from '../analysis/inspection-route';
import { roadDistanceMatrix } from '../analysis/road-distance-matrix';
import { chinaToday } from '../auth/today';
import { inspectionCounty } from './inspections';
import { stationNetwork } from './station-network';

export interface RouteStop {
  seq: number;
  hydrant: DueHydrant;
  /** Road metres from the previous stop (the start for the first), and from the start. */
  legM: number;
  cumulativeM: number;
}

export async function inspectionRoute(
  db: Db,
  q: { county?: string | undefined; township: string; asOf?: string | undefined },
  nowMs: number,
) {
  const asOf = q.asOf ?? chinaToday(nowMs);
  const county = await inspectionCounty(db, q);
  const [due, start, { network }] = await Promise.all([
    dueHydrants(db, asOf, county, q.township),
    routeStart(db, q.township),
    stationNetwork(db, county),
  ]);
  const project = network.graph.projection.forward;
  const all = roadDistanceMatrix(network.index, [
    project(start.lon, start.lat),
    ...due.map((h) => project(h.lon, h.lat)),
  ]);
  const n = all.n;
  const reachable = due.filter(
    (_, k) => Number.isFinite(all.m[k + 1] as number) && Number.isFinite(all.m[(k + 1) * n]),
  );
  const unreachable = due.filter((h) => !reachable.includes(h));
  // the matrix of the start and the reachable hydrants only
  const keep = [0, ...due.flatMap((h, k) => (reachable.includes(h) ? [k + 1] : []))];
  const m = new Float64Array(keep.length * keep.length);
  keep.forEach((a, i) => {
    keep.forEach((b, j) => {
      m[i * keep.length + j] = all.m[a * n + b] as number;
    });
  });
  const tour = inspectionTour({ n: keep.length, m });
  let cumulativeM = 0;
  let prev = 0;
  const stops: RouteStop[] = tour.order.map((i, s) => {
    const legM = m[prev * keep.length + i] as number;
    cumulativeM += legM;
    prev = i;
    return { seq: s + 1, hydrant: reachable[i - 1] as DueHydrant, legM, cumulativeM };
  });
  const returnM = stops.length === 0 ? 0 : (m[prev * keep.length] as number);
  return {
    township: q.township,
    asOf,
    start,
    stops,
    returnM,
    lengthM: tour.lengthM,
    nearestNeighbourM: tour.nearestNeighbour.lengthM,
    unreachable,
    assumptions: {
      distance:
        'road metres on the routing graph, both directions of every road (one-way rules not applied); off-road legs to the nearest road counted straight',
      order: 'nearest neighbour from the start, then 2-opt until no exchange shortens the closed tour',
    },
    geojson: lineCollection(start, stops),
  };
}

/** Numbered stops and the visiting order as straight legs (a sketch of the order, not the road path). */
function lineCollection(
  start: { lon: number; lat: number; name: string },
  stops: readonly RouteStop[],
): FeatureCollection {
  const path = [[start.lon, start.lat], ...stops.map((s) => [s.hydrant.lon, s.hydrant.lat]), [start.lon, start.lat]];
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { role: 'order' }, geometry: { type: 'LineString', coordinates: path } },
      {
        type: 'Feature',
        properties: { role: 'start', name: start.name },
        geometry: { type: 'Point', coordinates: [start.lon, start.lat] },
      },
      ...stops.map((s) => ({
        type: 'Feature' as const,
        id: s.hydrant.id,
        properties: { role: 'stop', seq: s.seq, code: s.hydrant.code, legM: Math.round(s.legM) },
        geometry: { type: 'Point' as const, coordinates: [s.hydrant.lon, s.hydrant.lat] },
      })),
    ],
  };
}
