/** How every site list of the station coverage answers names a site (high-risk outside, comparison, site table). */
import type { CoverageSiteRow } from '../../db/queries/station-coverage';
import type { StationNetwork } from './station-network';

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
