import { type PlacedError, placed } from '../../api-error';
import type { Atlas } from '../../state/atlas.svelte';
import {
  type Comparison,
  type Coverage,
  type CoverageQuery,
  createScenario,
  deleteScenario,
  fetchComparison,
  fetchCoverage,
  fetchScenarios,
  type Scenario,
} from './api';
import {
  ADD_UNIT_TOOL,
  bandRows,
  coverageQueryOf,
  districtLegendOf,
  draftChanges,
  draftPointsOf,
  type HypotheticalUnit,
  type Mode,
  type Threshold,
  type UnitKind,
  unitNamesOf,
  unitsOf,
} from './coverage-model';
import { coverageMapData } from './map-data';

export * from './coverage-model';

export class StationCoverage {
  threshold = $state<Threshold>(300);
  mode = $state<Mode>('dissolve');
  /** Unit ids switched on; undefined until the units are known (then the ones in service). */
  on = $state.raw<ReadonlySet<number> | undefined>(undefined);
  teamStandard = $state(300);
  showErf = $state(false);
  showRings = $state(false);
  showGaps = $state(true);

  coverage = $state.raw<Coverage | undefined>(undefined);
  /** The query `coverage` answers. */
  answered = $state.raw<CoverageQuery | undefined>(undefined);
  loading = $state(false);
  /** The last failed request and the control it belongs to (`coverage`, `sites`, `compare`, `scenario`). */
  error = $state.raw<PlacedError | undefined>(undefined);
  /** Browser-side time of the last coverage request (ms), for the status line. */
  requestMs = $state<number | undefined>(undefined);

  comparison = $state.raw<Comparison | undefined>(undefined);
  /** What the comparison is of: the 二中队 button or a saved scenario. */
  compared = $state.raw<{ kind: 'built' } | { kind: 'scenario'; id: number; name: string } | undefined>(undefined);
  comparing = $state(false);

  scenarios = $state.raw<Scenario[]>([]);
  hypothetical = $state<HypotheticalUnit[]>([]);
  turnout = $state<Record<number, number>>({});
  addKind = $state<UnitKind>('station');
  addTurnout = $state(60);
  scenarioName = $state('');
  saving = $state(false);

  constructor(readonly atlas: Atlas) {}

  errorAt(at: string): string | undefined {
    return this.error?.at === at ? this.error.message : undefined;
  }

  #clear(at: string): void {
    if (this.error?.at === at) this.error = undefined;
  }

  /** 添加假设站点: the pick-point tool is this panel's until one click places the unit (or Esc). */
  get adding(): boolean {
    return this.atlas.tool.isActive(ADD_UNIT_TOOL);
  }

  startAdding(nameOf: (n: number) => string): void {
    this.atlas.tool.pickPoint({ owner: ADD_UNIT_TOOL, once: true }, ({ lngLat: [lon, lat] }) =>
      this.addHypothetical(lon, lat, nameOf(this.hypothetical.length + 1)),
    );
  }

  stopAdding(): void {
    this.atlas.tool.release(ADD_UNIT_TOOL);
  }

  /** Every unit of the units layer, by id: the toggles. */
  units = $derived.by(() => unitsOf(this.atlas.layer('units').features));

  /** Switches on the units in service, once the units are known. */
  initUnits(): void {
    if (this.on === undefined && this.units.length > 0) {
      this.on = new Set(this.units.filter((u) => u.status === 'in_service').map((u) => u.id));
    }
  }

  toggle(id: number, on: boolean): void {
    const next = new Set(this.on ?? []);
    if (on) next.add(id);
    else next.delete(id);
    this.on = next;
  }

  query = $derived.by<CoverageQuery | undefined>(() =>
    coverageQueryOf(this.on, this.units, this.turnout, {
      mode: this.mode,
      teamStandard: this.teamStandard,
      erf: this.showErf ? this.threshold : undefined,
    }),
  );

  /** Names of units by id, the hypothetical ones of the compared scenario included ('h1' …). */
  unitNames = $derived(unitNamesOf(this.units, this.comparison));

  unitName(id: number | string | null | undefined): string {
    if (id === null || id === undefined) return '—';
    return this.unitNames.get(id) ?? String(id);
  }

  legend = $derived(bandRows(this.coverage?.surface.features ?? []));

  /** Split mode's legend: each unit's first-due district at the main threshold, with the server's area. */
  districtLegend = $derived(districtLegendOf(this.coverage, this.threshold));

  /** The county's gap, or the chosen township's. */
  gap = $derived.by(() => {
    const features = this.coverage?.gaps.features ?? [];
    const code = this.atlas.township;
    return features.find((f) => (code ? f.properties?.code === code : f.properties?.scope === 'county'));
  });

  /** The chosen township's share of the 5-minute area (undefined for the county). */
  townshipWithin5 = $derived(this.coverage?.summary.within5Min.townships.find((t) => t.code === this.atlas.township));

  /** Every source of the coverage layer, built from the answers and the toggles. */
  mapData = $derived(
    coverageMapData(this.coverage, {
      threshold: this.threshold,
      gap: this.showGaps ? this.gap : undefined,
      showRings: this.showRings,
      comparison: this.comparison,
    }),
  );

  /** The clicked units of the draft, as points for the draft layer. */
  draftPoints = $derived(draftPointsOf(this.hypothetical));

  /** ERF legend: personnel levels present, with the server's areas. */
  erfLevels = $derived(
    (this.coverage?.erf?.features ?? []).map((f) => ({
      personnel: f.properties.personnel,
      areaKm2: f.properties.areaKm2,
    })),
  );

  draft = $derived(draftChanges(this.units, this.on ?? new Set(), this.turnout, this.hypothetical));
  draftSize = $derived(this.draft.unitStatus.length + this.draft.turnout.length + this.draft.hypotheticalUnits.length);

  #coverageRequest = 0;
  async loadCoverage(q: CoverageQuery): Promise<void> {
    const n = ++this.#coverageRequest;
    this.loading = true;
    const t0 = performance.now();
    try {
      const answer = await fetchCoverage(q);
      if (n !== this.#coverageRequest) return;
      this.coverage = answer;
      this.answered = q;
      this.requestMs = Math.round(performance.now() - t0);
      this.#clear('coverage');
    } catch (err) {
      if (n === this.#coverageRequest) this.error = placed('coverage', err);
    } finally {
      if (n === this.#coverageRequest) this.loading = false;
    }
  }

  #compareRequest = 0;
  /** One click: every built unit (二中队) on duty against the baseline. */
  compareBuilt(): Promise<void> {
    return this.#compare({ activate: 'built' }, { kind: 'built' });
  }

  compareScenario(s: Scenario): Promise<void> {
    return this.#compare({ scenario: String(s.id) }, { kind: 'scenario', id: s.id, name: s.name });
  }

  async #compare(q: { activate: string } | { scenario: string }, what: NonNullable<typeof this.compared>) {
    const n = ++this.#compareRequest;
    this.comparing = true;
    try {
      const answer = await fetchComparison(q);
      if (n !== this.#compareRequest) return;
      this.comparison = answer;
      this.compared = what;
      this.#clear('compare');
    } catch (err) {
      if (n === this.#compareRequest) this.error = placed('compare', err);
    } finally {
      if (n === this.#compareRequest) this.comparing = false;
    }
  }

  clearComparison(): void {
    this.#compareRequest++;
    this.comparison = undefined;
    this.compared = undefined;
  }

  async loadScenarios(): Promise<void> {
    try {
      this.scenarios = (await fetchScenarios()).scenarios;
    } catch (err) {
      this.error = placed('scenario', err);
    }
  }

  addHypothetical(lon: number, lat: number, name: string): void {
    this.hypothetical.push({ name, kind: this.addKind, lon, lat, turnoutS: this.addTurnout, staff: 0 });
  }

  removeHypothetical(i: number): void {
    this.hypothetical.splice(i, 1);
  }

  setTurnout(id: number, seconds: number): void {
    if (Number.isInteger(seconds) && seconds >= 0 && seconds <= 1800) this.turnout[id] = seconds;
  }

  resetDraft(): void {
    this.hypothetical = [];
    this.turnout = {};
    this.scenarioName = '';
    this.on = new Set(this.units.filter((u) => u.status === 'in_service').map((u) => u.id));
  }

  /** Saves the draft as a named scenario and compares it with the baseline. */
  async saveDraft(): Promise<void> {
    const name = this.scenarioName.trim();
    if (!name) return;
    this.saving = true;
    try {
      const created = await createScenario({ name, description: null, changes: this.draft });
      await this.loadScenarios();
      this.scenarioName = '';
      await this.compareScenario(created);
      this.#clear('scenario');
    } catch (err) {
      this.error = placed('scenario', err);
    } finally {
      this.saving = false;
    }
  }

  async removeScenario(s: Scenario): Promise<void> {
    try {
      await deleteScenario(s.id);
      if (this.compared?.kind === 'scenario' && this.compared.id === s.id) this.clearComparison();
      await this.loadScenarios();
    } catch (err) {
      this.error = placed('scenario', err);
    }
  }
}
