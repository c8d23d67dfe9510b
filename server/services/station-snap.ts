/**
 * Where a unit would stand on the network: the nearest road point and its distance, and the refusal
 * (422) of a hypothetical unit beyond the off-road limit — it would answer nothing.
 */
import { round1 } from '../analysis/coverage-cells';
import { placeUnits } from '../analysis/place-units';
import { nearestRoadPosition } from '../analysis/snap';
import { AnalysisInputError } from '../errors';
import type { StationNetwork } from './station-network';
import type { ConsideredUnit } from './station-units';

/**
 * A hypothetical unit beyond the off-road limit is refused (422 naming its distance and the nearest
 * road point): it would answer nothing. Database units off the network stay reported in `offNetwork`.
 */
export function refuseOffNetworkHypotheticals(
  network: StationNetwork,
  units: readonly ConsideredUnit[],
  maxOffRoadM: number,
) {
  const hypothetical = units.filter((u) => u.hypothetical);
  const placed = placeUnits(network.index, hypothetical, { maxOffRoadM });
  for (const x of placed.offNetwork) {
    const u = hypothetical[x.source];
    if (!u) continue;
    const snap = snapPoint(network, u.lon, u.lat, maxOffRoadM);
    throw new AnalysisInputError(
      `hypothetical unit ${u.code} (${u.name}) is ${snap.distanceM ?? '—'} m from the nearest road, beyond the ${maxOffRoadM} m off-road limit`,
      { unitId: u.id, code: u.code, name: u.name, ...snap },
    );
  }
}

/** The nearest road point to a spot, its distance (0.1 m) and whether a unit there is on the network. */
export function snapPoint(network: StationNetwork, lon: number, lat: number, maxOffRoadM: number) {
  const { graph } = network;
  const [x, y] = graph.projection.forward(lon, lat);
  const p = nearestRoadPosition(network.index, x, y);
  if (p === null) return { onNetwork: false, distanceM: null, maxOffRoadM, nearest: null, roadId: null };
  const [nlon, nlat] = graph.projection.inverse(p.x, p.y);
  return {
    onNetwork: p.distanceM <= maxOffRoadM,
    distanceM: round1(p.distanceM),
    maxOffRoadM,
    nearest: { lon: round6(nlon as number), lat: round6(nlat as number) },
    roadId: graph.edgeId[p.edge] as number,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
