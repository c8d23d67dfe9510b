/**
 * State of the 消火栓规划 panel (issue 5): the query (radius, statuses, township, count,
 * weights, minimum distance), the server's answers (coverage, plan, the working set's what-if,
 * the user's what-ifs) and the FeatureCollections the hydrant-plan layers draw. Every number
 * shown is the server's; here it is only joined, filtered and turned into map geometry.
 */
import type { FeatureCollection, Polygon } from 'geojson';
import { type PlacedError, placed } from '../../api-error';
import type { Atlas } from '../../state/atlas.svelte';
import {
  acceptHydrantProposals,
  fetchHydrantCoverage,
  fetchHydrantPlan,
  fetchHydrantWhatIf,
  fetchProposalExport,
  type HydrantCoverage,
  type HydrantPlan,
  type HydrantStatus,
  type HydrantWhatIf,
  type PlanParams,
  type ProposalExport,
  uncoveredExportUrl,
} from './api';
import { circleCollection } from './circles';
import { areaCollection, emptyFc, proposalCircles, proposalPoints, uncoveredPoints, whatIfPoints } from './map-data';
import { beforeAfterRows, metresPerSite, perMetreOf, whatIfTotals, workingSet } from './totals';
import { WhatIfs } from './what-if-state.svelte';

// ---------------------------------------------------------------------------------------------

export const statusChoices: readonly HydrantStatus[] = ['ok', 'faulty', 'planned'];
export const siteCategories = [
  'high_rise',
  'hazmat',
  'labour_intensive',
  'medical',
  'nine_small',
  'crowded',
  'other',
] as const;

/** GB 50974-2014 §7.2.5: municipal hydrant protection radius ≤ 150 m. */
export const DEFAULT_RADIUS_M = 150;
export const DEFAULT_COUNT = 30;
/** Owner of the draw-polygon tool while the plan area is drawn. */
export const AREA_TOOL = 'hydrants.area';

type ProposalState = 'pending' | 'rejected' | 'accepted';

export class HydrantPlanning {
  /** The user's what-ifs (what-if-state.svelte.ts). */
  readonly whatIfs: WhatIfs = new WhatIfs(this);
  radius = $state(DEFAULT_RADIUS_M);
  statuses = $state<HydrantStatus[]>(['ok']);
  count = $state(DEFAULT_COUNT);
  /** Unset = the server's defaults (shown from the last answer's assumptions). */
  minDistance = $state<number | undefined>(undefined);
  /** Planned hydrants (accepted proposals) counted as existing (issue 13; the checkbox clears it). */
  includePlanned = $state(true);
  riskWeights = $state<number[] | undefined>(undefined);
  streetMetresPerSite = $state<number | undefined>(undefined);

  coverage = $state.raw<HydrantCoverage | undefined>(undefined);
  plan = $state.raw<HydrantPlan | undefined>(undefined);
  /** The plan's query, kept for the exports (the same body gives the same plan). */
  planQuery = $state.raw<PlanParams | undefined>(undefined);
  /** Ranks rejected from the working set. */
  rejected = $state.raw<ReadonlySet<number>>(new Set());
  /** Accepted ranks → the code of the planned hydrant the server saved. */
  accepted = $state.raw<ReadonlyMap<number, string>>(new Map());
  /** What-if of the working set (the plan minus rejected proposals). */
  after = $state.raw<HydrantWhatIf | undefined>(undefined);
  hovered = $state<number | undefined>(undefined);
  /** The plan area drawn on the map: proposals only inside it (POST /api/plan/hydrants `area`). */
  area = $state.raw<Polygon | undefined>(undefined);

  loading = $state<'coverage' | 'plan' | 'after' | 'accept' | 'whatIf' | 'export' | undefined>(undefined);
  /** The last failed request, with the control it belongs to (`coverage`, `plan`, `accept:<rank>` …). */
  error = $state.raw<PlacedError | undefined>(undefined);

  constructor(readonly atlas: Atlas) {}

  /** The error of one control, if the last failure was its. */
  errorAt(at: string): string | undefined {
    return this.error?.at === at ? this.error.message : undefined;
  }

  #clear(at: string): void {
    if (this.error?.at === at) this.error = undefined;
  }

  get drawingArea(): boolean {
    return this.atlas.tool.isActive(AREA_TOOL);
  }

  /** Draws the plan area with the map's draw-polygon tool (Esc keeps the old one). */
  async drawArea(): Promise<void> {
    if (this.drawingArea) {
      this.atlas.tool.release(AREA_TOOL);
      return;
    }
    const polygon = await this.atlas.tool.drawPolygon(AREA_TOOL);
    if (polygon) this.area = polygon;
  }

  township = $derived.by(() => this.atlas.township);
  coverageParams = $derived.by(() => ({
    county: this.atlas.countyParam,
    radius: this.radius,
    statuses: [...this.statuses],
    township: this.township || undefined,
  }));

  uncoveredUrl(ext: 'csv' | 'xlsx' | 'geojson'): string {
    return uncoveredExportUrl(ext, this.coverageParams);
  }

  toggleStatus(status: HydrantStatus, on: boolean): void {
    const next = statusChoices.filter((s) => (s === status ? on : this.statuses.includes(s)));
    if (next.length > 0) this.statuses = next;
  }

  #coverageRequest = 0;
  async loadCoverage(): Promise<void> {
    const n = ++this.#coverageRequest;
    const params = this.coverageParams;
    this.loading = 'coverage';
    try {
      const answer = await fetchHydrantCoverage(params);
      if (n !== this.#coverageRequest) return;
      this.coverage = answer;
      this.#clear('coverage');
    } catch (err) {
      if (n === this.#coverageRequest) this.error = placed('coverage', err);
    } finally {
      if (n === this.#coverageRequest && this.loading === 'coverage') this.loading = undefined;
    }
  }

  planParams(): PlanParams {
    const p: PlanParams = {
      radius: this.radius,
      statuses: [...this.statuses],
      count: this.count,
      includePlanned: this.includePlanned,
    };
    if (this.atlas.countyParam) p.county = this.atlas.countyParam;
    if (this.township) p.township = this.township;
    if (this.area) {
      p.area = {
        type: 'Polygon',
        coordinates: this.area.coordinates.map((ring) => ring.map(([x = 0, y = 0]) => [x, y] as [number, number])),
      };
    }
    if (this.minDistance !== undefined) p.minDistance = this.minDistance;
    if (this.riskWeights || this.streetMetresPerSite !== undefined) {
      p.weights = {};
      if (this.riskWeights) p.weights.risk = [...this.riskWeights];
      if (this.streetMetresPerSite !== undefined) p.weights.perMetre = perMetreOf(this.streetMetresPerSite);
    }
    return p;
  }

  /** The weights and minimum distance in effect: the user's, else the last answer's. */
  effectiveRiskWeights = $derived(this.riskWeights ?? this.plan?.assumptions.weights.risk ?? [1, 2, 4, 8]);
  effectiveStreetMetres = $derived(
    this.streetMetresPerSite ?? (this.plan ? metresPerSite(this.plan.assumptions.weights.perMetre) : 150),
  );
  effectiveMinDistance = $derived(this.minDistance ?? this.plan?.assumptions.minDistanceM ?? 60);

  async propose(): Promise<void> {
    const params = this.planParams();
    this.loading = 'plan';
    try {
      const plan = await fetchHydrantPlan(params);
      this.plan = plan;
      this.planQuery = params;
      this.rejected = new Set();
      this.accepted = new Map();
      this.after = undefined;
      this.#clear('plan');
      await this.loadAfter();
    } catch (err) {
      this.error = placed('plan', err);
    } finally {
      if (this.loading === 'plan') this.loading = undefined;
    }
  }

  #afterRequest = 0;
  /** The working set's totals (the server's what-if of every proposal not rejected). */
  async loadAfter(): Promise<void> {
    const plan = this.plan;
    const query = this.planQuery;
    if (!plan || !query) return;
    const n = ++this.#afterRequest;
    try {
      const answer = await fetchHydrantWhatIf({
        radius: query.radius,
        // the plan counts planned hydrants as existing unless excluded: so does its what-if
        statuses: query.includePlanned ? [...new Set([...query.statuses, 'planned' as const])] : query.statuses,
        add: workingSet(plan.proposals, this.rejected),
        faulty: [],
      });
      if (n === this.#afterRequest) this.after = answer;
    } catch (err) {
      if (n === this.#afterRequest) this.error = placed('plan', err);
    }
  }

  proposalState(rank: number): ProposalState {
    return this.accepted.has(rank) ? 'accepted' : this.rejected.has(rank) ? 'rejected' : 'pending';
  }

  toggleReject(rank: number): void {
    if (this.accepted.has(rank)) return;
    const next = new Set(this.rejected);
    if (next.has(rank)) next.delete(rank);
    else next.add(rank);
    this.rejected = next;
    void this.loadAfter();
  }

  /** Saves one proposal as a planned hydrant, then reloads the hydrants layer and the coverage. */
  async accept(rank: number): Promise<void> {
    const p = this.plan?.proposals.find((q) => q.rank === rank);
    if (!p || this.accepted.has(rank) || this.rejected.has(rank)) return;
    this.loading = 'accept';
    try {
      const { inserted } = await acceptHydrantProposals([{ lon: p.lon, lat: p.lat, roadName: p.roadName }]);
      this.accepted = new Map([...this.accepted, [rank, inserted[0]?.code ?? '']]);
      this.#clear(`accept:${rank}`);
      await this.atlas.layer('hydrants').reload();
      await this.loadCoverage();
    } catch (err) {
      this.error = placed(`accept:${rank}`, err);
    } finally {
      if (this.loading === 'accept') this.loading = undefined;
    }
  }

  /** Saves the proposals file of the current plan's working set. */
  async exportProposals(ext: ProposalExport): Promise<void> {
    const query = this.planQuery;
    const plan = this.plan;
    if (!query || !plan) return;
    const ranks = plan.proposals.filter((p) => !this.rejected.has(p.rank)).map((p) => p.rank);
    this.loading = 'export';
    try {
      const blob = await fetchProposalExport(ext, { ...query, ranks });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `hydrant-proposals.${ext}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.#clear('export');
    } catch (err) {
      this.error = placed('export', err);
    } finally {
      if (this.loading === 'export') this.loading = undefined;
    }
  }

  // Map data (map-data.ts) ---------------------------------------------------------------------

  /** Protection circles of the counted hydrants, at the radius the answer was computed for. */
  circles = $derived(
    this.coverage ? circleCollection(this.coverage.countedHydrants, this.coverage.assumptions.radiusM) : emptyFc(),
  );
  uncoveredSites = $derived(uncoveredPoints(this.coverage));
  proposalPoints = $derived(proposalPoints(this.plan, (rank) => this.proposalState(rank), this.hovered, this.accepted));
  proposalCircles = $derived(proposalCircles(this.plan, this.rejected, this.hovered));
  whatIfPoints = $derived(whatIfPoints(this.whatIfs.hypothetical, this.whatIfs.faulty));
  whatIfCircles = $derived(
    circleCollection(
      this.whatIfs.hypothetical.map(([lon, lat], i) => ({ id: `add-${i}`, lon, lat })),
      this.radius,
    ),
  );

  /** Everything the hydrant-plan layer module draws, by source. */
  planLayerData = $derived({
    'hydrant-plan': this.circles,
    'hydrant-plan-stretches': (this.coverage?.roads.stretches as FeatureCollection | undefined) ?? emptyFc(),
    'hydrant-plan-uncovered': this.uncoveredSites,
    'hydrant-plan-proposal-circles': this.proposalCircles,
    'hydrant-plan-whatif-circles': this.whatIfCircles,
    'hydrant-plan-area': areaCollection(this.area),
  });
  markerLayerData = $derived({
    'hydrant-proposals': this.proposalPoints,
    'hydrant-proposals-whatif': this.whatIfPoints,
  });

  /** Plan before / after rows: before from the plan, after from the working set's what-if. */
  totalsRows = $derived.by(() => {
    const plan = this.plan;
    if (!plan) return undefined;
    const after = this.after ? whatIfTotals(this.after.after) : plan.after;
    return beforeAfterRows(plan.before, after);
  });
}
