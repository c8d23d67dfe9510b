/**
 * Calls of the 站点覆盖 panel (issue 4) on the typed client: coverage, the per-site table (one
 * page), the baseline-vs-change comparison, saved scenarios, and the export links.
 */
import { parseResponse } from 'hono/client';
import { client } from '../../api';

/** The coverage query as the server reads it (strings: it is a query string). */
export interface CoverageQuery {
  /** The county (adcode); absent = the focus county. */
  county?: string;
  thresholds: string;
  /** The main threshold (s): the summary, the high-risk list and the districts' outline refer to it. */
  threshold: string;
  mode: 'dissolve' | 'split' | 'overlap';
  units: string;
  /** `id:seconds` turnouts tried live. */
  turnout?: string;
  /** `kind:lon:lat:turnout` units clicked on the map, tried live (h1, h2 …). */
  hypothetical?: string;
  cell?: string;
  team_standard: string;
  erf?: string;
}

/** The parts of the answer the panel draws (never the per-site columns: the site table pages them). */
export const panelParts = [
  'isochrones',
  'surface',
  'gaps',
  'districts',
  'highRiskOutside',
  'noRoadAccessSites',
  'rings',
  'erf',
  'summary',
] as const;
export type PanelPart = (typeof panelParts)[number];

/** The parts asked (`parts=`), the units, the query echo, the assumptions and the timing. */
export function fetchCoverage(q: CoverageQuery, parts: readonly PanelPart[]) {
  return parseResponse(client.coverage.stations.$get({ query: { ...q, parts: parts.join(',') } }));
}
export type CoverageParts = Awaited<ReturnType<typeof fetchCoverage>>;
/** An answer with every part the panel draws (merged from the parts fetched). */
export type Coverage = CoverageParts & Required<Pick<CoverageParts, PanelPart>>;

export type SiteSort = 'name' | 'category' | 'township' | 'firstUnit' | 'firstEta' | 'secondUnit' | 'secondEta';

/** The per-site table's query: the coverage query plus scope, township and order. */
export interface SitesQuery extends CoverageQuery {
  scope: 'all' | 'high_risk_outside';
  township?: string;
  sort: SiteSort;
  dir: 'asc' | 'desc';
}

export function fetchSitePage(q: SitesQuery & { offset: string; limit: string }) {
  return parseResponse(client.coverage.stations.sites.$get({ query: q }));
}
export type SitePage = Awaited<ReturnType<typeof fetchSitePage>>;
export type SiteRow = SitePage['rows'][number];

/** Download links of the whole table: plain URLs, the browser saves the file. */
export function sitesExportUrl(ext: 'csv' | 'xlsx', q: SitesQuery): string {
  const params = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
  return `/api/coverage/stations/sites.${ext}?${params}`;
}

export function fetchComparison(
  q: ({ activate: string } | { scenario: string }) & { threshold: string; county?: string },
) {
  return parseResponse(client.coverage.stations.compare.$get({ query: q }));
}

/** Where a unit placed at a spot would join the roads, and whether it may stand there (degrees to 1e-7, ~1 cm). */
export function fetchSnap(lon: number, lat: number, county?: string) {
  return parseResponse(
    client.coverage.stations.snap.$get({ query: { lon: lon.toFixed(7), lat: lat.toFixed(7), county } }),
  );
}
export type Snap = Awaited<ReturnType<typeof fetchSnap>>;
export type Comparison = Awaited<ReturnType<typeof fetchComparison>>;

/** The scenarios of a county (adcode; the server's default, the focus county, when undefined). */
export function fetchScenarios(county?: string) {
  return parseResponse(client.scenarios.$get({ query: { county } }));
}
export type Scenario = Awaited<ReturnType<typeof fetchScenarios>>['scenarios'][number];
export type ScenarioChanges = Scenario['changes'];

export function createScenario(
  body: { name: string; description: string | null; changes: ScenarioChanges },
  county?: string,
) {
  return parseResponse(client.scenarios.$post({ query: { county }, json: body }));
}

export function deleteScenario(id: number) {
  return parseResponse(client.scenarios[':id'].$delete({ param: { id: String(id) } }));
}
