/**
 * Calls of the 消火栓规划 panel (issue 5) over the typed client: coverage, placement, what-if,
 * accept, and the exports (plain links for GET, a POST answer saved as a file otherwise).
 */
import { parseResponse } from 'hono/client';
import { client } from '../../api';

export type HydrantStatus = 'ok' | 'faulty' | 'out_of_service' | 'planned';

export interface CoverageParams {
  /** The county (adcode); absent = the focus county. */
  county?: string | undefined;
  radius: number;
  statuses: readonly HydrantStatus[];
  township?: string;
}

/** Every uncovered site is listed (the map highlights them all). */
const ALL_UNCOVERED = 100_000;

function coverageQuery(p: CoverageParams, limit?: number): Record<string, string> {
  const q: Record<string, string> = { radius: String(p.radius), statuses: p.statuses.join(',') };
  if (p.county) q.county = p.county;
  if (p.township) q.township = p.township;
  if (limit !== undefined) q.limit = String(limit);
  return q;
}

export function fetchHydrantCoverage(p: CoverageParams) {
  return parseResponse(client.coverage.hydrants.$get({ query: coverageQuery(p, ALL_UNCOVERED) }));
}
export type HydrantCoverage = Awaited<ReturnType<typeof fetchHydrantCoverage>>;

/** Download links of the uncovered sites (CSV with BOM, .xlsx) for the same query. */
export function uncoveredExportUrl(ext: 'csv' | 'xlsx' | 'geojson', p: CoverageParams): string {
  return `/api/coverage/hydrants/uncovered.${ext}?${new URLSearchParams(coverageQuery(p))}`;
}

export interface PlanParams {
  /** The county (adcode); absent = the focus county. */
  county?: string;
  radius: number;
  statuses: HydrantStatus[];
  count: number;
  /** Planned hydrants counted as if they existed (the server's default: true). */
  includePlanned?: boolean;
  township?: string;
  minDistance?: number;
  weights?: { risk?: number[]; perMetre?: number };
  /** Proposals only inside this polygon (drawn on the map). */
  area?: { type: 'Polygon'; coordinates: [number, number][][] };
}

export function fetchHydrantPlan(p: PlanParams) {
  return parseResponse(client.plan.hydrants.$post({ json: p }));
}
export type HydrantPlan = Awaited<ReturnType<typeof fetchHydrantPlan>>;
export type HydrantProposal = HydrantPlan['proposals'][number];

export interface WhatIfParams {
  /** The county (adcode); absent = the focus county. */
  county?: string | undefined;
  radius: number;
  statuses: HydrantStatus[];
  add: [number, number][];
  faulty: number[];
}

export function fetchHydrantWhatIf(p: WhatIfParams) {
  return parseResponse(client.coverage.hydrants['what-if'].$post({ json: p }));
}
export type HydrantWhatIf = Awaited<ReturnType<typeof fetchHydrantWhatIf>>;

export function acceptHydrantProposals(proposals: { lon: number; lat: number; roadName: string | null }[]) {
  return parseResponse(client.plan.hydrants.accept.$post({ json: { proposals } }));
}

export type ProposalExport = 'csv' | 'xlsx' | 'geojson';

/** The proposals file for a plan body (optionally only some ranks), as a Blob to save. */
export async function fetchProposalExport(ext: ProposalExport, p: PlanParams & { ranks?: number[] }): Promise<Blob> {
  const routes = {
    csv: client.plan.hydrants['proposals.csv'],
    xlsx: client.plan.hydrants['proposals.xlsx'],
    geojson: client.plan.hydrants['proposals.geojson'],
  };
  const res = await routes[ext].$post({ json: p });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  return res.blob();
}
