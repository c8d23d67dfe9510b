import { type PlacedError, placed } from '../../api-error';
import { anchorOf } from '../../map/camera';
import type { Atlas } from '../../state/atlas.svelte';
import { ofCounty } from '../../state/county';
import {
  type Coverage,
  type CoverageQuery,
  createScenario,
  deleteScenario,
  fetchCoverage,
  fetchScenarios,
  fetchSnap,
  type PanelPart,
  type Scenario,
  type Snap,
} from './api';
import { CoverageComparison } from './coverage-comparison.svelte';
import { districtLegendOf } from './coverage-districts';
import {
  ADD_UNIT_TOOL,
  bandRows,
  coverageQueryOf,
  draftChanges,
  draftPointsOf,
  type HypotheticalUnit,
  type Mode,
  refusedPlacement,
  type Threshold,
  type UnitKind,
  unitNamesOf,
  unitsOf,
} from './coverage-model';
import { mergeParts, missingParts } from './coverage-parts';
import { coverageMapData } from './map-data';

export * from './coverage-districts';
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

  scenarios = $state.raw<Scenario[]>([]);
  hypothetical = $state<HypotheticalUnit[]>([]);
  turnout = $state<Record<number, number>>({});
  addKind = $state<UnitKind>('station');
  addTurnout = $state(60);
  scenarioName = $state('');
  saving = $state(false);
  /** The last placement refused (beyond the off-road limit): the spot and the nearest road, drawn on the map. */
  refused = $state.raw<Snap | undefined>(undefined);
  /** Asking the server where a clicked unit joins the roads. */
  snapping = $state(false);

  /** The 二中队 button's or a scenario's comparison with the baseline. */
  readonly compare = new CoverageComparison({
    threshold: () => this.threshold,
    county: () => this.atlas.countyParam,
    failed: (error) => (this.error = error),
    succeeded: (at) => this.#clear(at),
  });

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

  /**
   * One click places a unit: the server snaps it to the nearest road point; beyond the off-road
   * limit it is refused at once (distance and nearest road shown), else the answer recomputes live.
   */
  startAdding(nameOf: (n: number) => string, refusal: (s: Snap) => string): void {
    this.atlas.tool.pickPoint({ owner: ADD_UNIT_TOOL, once: true }, ({ lngLat: [lon, lat] }) =>
      this.place(lon, lat, nameOf(this.hypothetical.length + 1), refusal),
    );
  }

  async place(lon: number, lat: number, name: string, refusal: (s: Snap) => string): Promise<void> {
    this.snapping = true;
    try {
      const snap = await fetchSnap(lon, lat, this.atlas.countyParam);
      if (!snap.onNetwork || !snap.nearest || snap.distanceM === null) {
        this.refused = snap;
        this.error = { at: 'add', message: refusal(snap) };
        return;
      }
      this.refused = undefined;
      this.#clear('add');
      this.addHypothetical(lon, lat, name, { ...snap.nearest, distanceM: snap.distanceM });
    } catch (err) {
      this.error = placed('add', err);
    } finally {
      this.snapping = false;
    }
  }

  /** Flies to a site (a comparison row, a no-road-access site) and selects it, as the table's rows do. */
  async flyToSite(s: { siteId: number; lon: number; lat: number }): Promise<void> {
    const sites = this.atlas.layer('sites');
    await sites.load();
    const feature = sites.byId.get(String(s.siteId));
    if (feature) {
      this.atlas.focus(sites, feature);
      this.atlas.selection = { layer: sites, feature, lngLat: anchorOf(feature.geometry) };
    } else this.atlas.flyTo({ type: 'Point', coordinates: [s.lon, s.lat] });
  }

  stopAdding(): void {
    this.atlas.tool.release(ADD_UNIT_TOOL);
  }

  /** Every unit of the chosen county in the units layer, by id: the toggles. */
  units = $derived.by(() =>
    unitsOf(
      this.atlas
        .layer('units')
        .features.filter((f) =>
          ofCounty(f.properties?.townshipCode, this.atlas.countyAdcode ?? '', this.atlas.focusAdcode),
        ),
    ),
  );

  /** The county the toggles, the draft and the scenarios are of. */
  #county: string | undefined;

  /** Switches on the units in service, once the units are known, and again for another county (the draft starts over). */
  initUnits(): void {
    if (this.units.length === 0) return;
    if (this.on !== undefined && this.#county === this.atlas.county) return;
    const again = this.#county !== undefined && this.#county !== this.atlas.county;
    this.#county = this.atlas.county;
    this.on = new Set(this.units.filter((u) => u.status === 'in_service').map((u) => u.id));
    if (!again) return;
    this.hypothetical = [];
    this.turnout = {};
    this.refused = undefined;
    this.compare.clear();
    void this.loadScenarios();
  }

  toggle(id: number, on: boolean): void {
    const next = new Set(this.on ?? []);
    if (on) next.add(id);
    else next.delete(id);
    this.on = next;
  }

  query = $derived.by<CoverageQuery | undefined>(() => {
    const q = coverageQueryOf(this.on, this.units, this.turnout, {
      mode: this.mode,
      teamStandard: this.teamStandard,
      erf: this.showErf ? this.threshold : undefined,
      threshold: this.threshold,
      hypothetical: this.hypothetical,
    });
    const county = this.atlas.countyParam;
    return q && county ? { ...q, county } : q;
  });

  /** Names of units by id, the hypothetical ones of the compared scenario included ('h1' …). */
  unitNames = $derived(unitNamesOf(this.units, this.compare.answer));

  unitName(id: number | string | null | undefined): string {
    if (id === null || id === undefined) return '—';
    return this.unitNames.get(id) ?? String(id);
  }

  legend = $derived(bandRows(this.coverage?.surface.features ?? []));

  /** Split mode's legend: each unit's whole first-due district in its graph colour, with the server's areas. */
  districtLegend = $derived(districtLegendOf(this.coverage));

  /** The county's gap, or the chosen township's. */
  gap = $derived.by(() => {
    const features = this.coverage?.gaps.features ?? [];
    const code = this.atlas.township;
    return features.find((f) => (code ? f.properties?.code === code : f.properties?.scope === 'county'));
  });

  /** The chosen township's area within the threshold (undefined for the county). */
  townshipWithin = $derived(
    this.coverage?.summary.withinThreshold.townships.find((t) => t.code === this.atlas.township),
  );

  /** Every source of the coverage layer, built from the answers and the toggles. */
  mapData = $derived(
    coverageMapData(this.coverage, {
      threshold: this.threshold,
      // Split mode shows the districts: the gap hatch over them would hide their colours.
      gap: this.showGaps && this.mode !== 'split' ? this.gap : undefined,
      showRings: this.showRings,
      comparison: this.compare.answer,
    }),
  );

  /** The clicked units of the draft (with their snap lines) and a refused placement, for the draft layer. */
  draftPoints = $derived.by(() => {
    const fc = draftPointsOf(this.hypothetical);
    return this.refused ? { ...fc, features: [...fc.features, ...refusedPlacement(this.refused)] } : fc;
  });

  /** ERF legend: personnel levels present, with the server's areas. */
  erfLevels = $derived(
    (this.coverage?.erf?.features ?? []).map((f) => ({
      personnel: f.properties.personnel,
      areaKm2: f.properties.areaKm2,
    })),
  );

  draft = $derived(draftChanges(this.units, this.on ?? new Set(), this.turnout, this.hypothetical));
  draftSize = $derived(this.draft.unitStatus.length + this.draft.turnout.length + this.draft.hypotheticalUnits.length);

  /** The query each held part of `coverage` answers (coverage-parts.ts). */
  #held: Partial<Record<PanelPart, string>> = {};
  #coverageRequest = 0;
  /** Fetches the parts the query (and the rings toggle) needs that are not held, nothing when all are. */
  async loadCoverage(q: CoverageQuery, showRings: boolean): Promise<void> {
    const parts = missingParts(q, this.#held, { showRings });
    const n = ++this.#coverageRequest; // an answer still on its way is for another query now
    if (parts.length === 0) {
      this.loading = false;
      this.answered = q;
      return;
    }
    this.loading = true;
    const t0 = performance.now();
    try {
      const answer = await fetchCoverage(q, parts);
      if (n !== this.#coverageRequest) return;
      const merged = mergeParts(this.coverage, answer, parts, q, this.#held);
      this.#held = merged.held;
      this.coverage = merged.coverage;
      this.answered = q;
      this.requestMs = Math.round(performance.now() - t0);
      this.#clear('coverage');
    } catch (err) {
      if (n === this.#coverageRequest) this.error = placed('coverage', err);
    } finally {
      if (n === this.#coverageRequest) this.loading = false;
    }
  }

  async loadScenarios(): Promise<void> {
    try {
      this.scenarios = (await fetchScenarios(this.atlas.countyParam)).scenarios;
    } catch (err) {
      this.error = placed('scenario', err);
    }
  }

  addHypothetical(lon: number, lat: number, name: string, snap?: HypotheticalUnit['snap']): void {
    this.hypothetical.push({ name, kind: this.addKind, lon, lat, turnoutS: this.addTurnout, staff: 0, snap });
  }

  removeHypothetical(i: number): void {
    this.hypothetical.splice(i, 1);
  }

  setTurnout(id: number, seconds: number): void {
    if (Number.isInteger(seconds) && seconds >= 0 && seconds <= 1800) this.turnout[id] = seconds;
  }

  resetDraft(): void {
    this.hypothetical = [];
    this.refused = undefined;
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
      const created = await createScenario({ name, description: null, changes: this.draft }, this.atlas.countyParam);
      await this.loadScenarios();
      this.scenarioName = '';
      await this.compare.scenario(created);
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
      if (this.compare.of?.kind === 'scenario' && this.compare.of.id === s.id) this.compare.clear();
      await this.loadScenarios();
    } catch (err) {
      this.error = placed('scenario', err);
    }
  }
}
