/**
 * Water around the scene (issue 14): every source within the radius (PostGIS geography metres),
 * with its distance along the roads (hose laid along the streets, fire-call-hose.ts) beside the
 * straight line; the nearest working one (在用 `ok`, by road, else by straight line) and the
 * warnings a commander needs first: no working hydrant within 150 m (GB 50974-2014 §7.2.5), the
 * nearest source is not working.
 */
import type { Db } from '../../db/client';
import { waterWithin } from '../../db/queries/fire-call';
import type { RoadGraph } from '../analysis/csr-graph';
import type { ReverseArcs, ScenePositions } from '../analysis/fire-call-eta';
import { hoseDistances, lengthArcs } from '../analysis/fire-call-hose';
import { PROTECTION_RADIUS_M } from '../analysis/hydrant-coverage';
import { accessLists } from '../analysis/road-access';
import { MAX_OFF_ROAD_M, type StationNetwork } from './station-network';

const byLength = new WeakMap<RoadGraph, ReverseArcs>();

function lengthArcsOf(graph: RoadGraph): ReverseArcs {
  let arcs = byLength.get(graph);
  if (!arcs) {
    arcs = lengthArcs(graph);
    byLength.set(graph, arcs);
  }
  return arcs;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function waterAround(
  db: Db,
  network: StationNetwork,
  scene: ScenePositions,
  lon: number,
  lat: number,
  radiusM: number,
) {
  const rows = await waterWithin(db, lon, lat, radiusM);
  const { graph } = network;
  const xs = rows.map((r) => graph.projection.forward(r.lon, r.lat));
  const access = accessLists(
    network.index,
    xs.map((p) => p[0]),
    xs.map((p) => p[1]),
    MAX_OFF_ROAD_M,
  );
  const sources: ScenePositions[] = rows.map((_, i) => {
    const from = access.start[i] as number;
    const to = access.start[i + 1] as number;
    return {
      edge: access.edge.subarray(from, to),
      fraction: access.fraction.subarray(from, to),
      distanceM: access.distanceM.subarray(from, to),
    };
  });
  // A hose longer than 4× the radius along the streets is not a water supply for this scene.
  const road = hoseDistances(graph, lengthArcsOf(graph), scene, sources, 4 * radiusM);
  const water = rows.map((r, i) => ({
    hydrantId: r.id,
    code: r.code,
    kind: r.kind,
    status: r.status,
    flowLps: r.flowLps,
    pressureMpa: r.pressureMpa,
    lastInspectedOn: r.lastInspectedOn,
    roadName: r.roadName,
    lon: r.lon,
    lat: r.lat,
    straightM: round1(r.straightM),
    roadM: road[i] === null ? null : round1(road[i] as number),
    nearestWorking: false,
  }));
  const working = water.filter((w) => w.status === 'ok');
  const key = (w: (typeof water)[number]) => w.roadM ?? Number.POSITIVE_INFINITY;
  const nearestWorking =
    [...working].sort((a, b) => key(a) - key(b) || a.straightM - b.straightM || a.hydrantId - b.hydrantId)[0] ?? null;
  if (nearestWorking) nearestWorking.nearestWorking = true;
  const nearest = water[0] ?? null;
  water.sort((a, b) => key(a) - key(b) || a.straightM - b.straightM || a.hydrantId - b.hydrantId);
  return {
    radiusM,
    protectionRadiusM: PROTECTION_RADIUS_M,
    sources: water,
    nearestWorking:
      nearestWorking === null
        ? null
        : {
            hydrantId: nearestWorking.hydrantId,
            code: nearestWorking.code,
            roadM: nearestWorking.roadM,
            straightM: nearestWorking.straightM,
          },
    warnings: {
      noWorkingWithin150m: !working.some((w) => w.straightM <= PROTECTION_RADIUS_M),
      nearestIsNotWorking: nearest !== null && nearest.status !== 'ok',
    },
  };
}
