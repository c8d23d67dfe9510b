/** How every site list of the station coverage answers names a site (high-risk outside, comparison, site table). */
import type { CoverageSiteRow } from '../../db/queries/station-coverage';
import type { Evaluation } from './station-evaluation';
import type { StationNetwork } from './station-network';
import { snapPoint } from './station-snap';

export interface SiteRef {
  siteId: number;
  code: string;
  name: string;
  category: string;
  riskLevel: number;
  townshipCode: string;
  townshipName: string | null;
}

export function siteRef(s: CoverageSiteRow, townshipName: ReadonlyMap<string, string>): SiteRef {
  return {
    siteId: s.id,
    code: s.code,
    name: s.name,
    category: s.category,
    riskLevel: s.riskLevel,
    townshipCode: s.townshipCode,
    townshipName: townshipName.get(s.townshipCode) ?? null,
  };
}

/** Township code → name of the network's townships. */
export function townshipNames(network: StationNetwork): Map<string, string> {
  return new Map(network.townships.map((t) => [t.code, t.name]));
}

/**
 * Sites with no road within the off-road limit, with the distance to the nearest road: listed as
 * "no road access — check the road data" (a street missing from the map), never silently unreachable.
 */
export function noRoadSites(network: StationNetwork, ev: Pick<Evaluation, 'siteAccess' | 'offRoad'>) {
  const names = townshipNames(network);
  const { start } = ev.siteAccess;
  return network.sites.flatMap((s, i) => {
    if (start[i] !== start[i + 1]) return [];
    const snap = snapPoint(network, s.lon, s.lat, ev.offRoad.maxM);
    return [{ ...siteRef(s, names), lon: s.lon, lat: s.lat, nearestRoadM: snap.distanceM, nearest: snap.nearest }];
  });
}
