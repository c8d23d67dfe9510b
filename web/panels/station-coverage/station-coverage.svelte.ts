/**
 * State of the 站点覆盖 panel (issue 4): the query (main threshold, mode, units on duty, township
 * team target, optional layers), the server's answers (coverage, one page of the per-site table,
 * a comparison, saved scenarios) and the scenario being drafted. The map sources are built here
 * from the answers; every figure shown is the server's.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { type PlacedError, placed } from '../../api-error';
import type { LayerData, Props } from '../../map/layer-module';
import { bandColors, beyondColor, stationSources } from '../../map/layers/station-coverage';
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
  fetchSitePage,
  type Scenario,
  type ScenarioChanges,
  type SitePage,
  type SiteSort,
  type SitesQuery,
  sitesExportUrl,
} from './api';

/** The thresholds asked for (the surface's bands); the main threshold is one of them. */
export const thresholds = [180, 300, 600, 900] as const;
export type Threshold = (typeof thresholds)[number];
export type Mode = 'dissolve' | 'split' | 'overlap';
export const modes: readonly Mode[] = ['dissolve', 'split', 'overlap'];
/** Township team targets offered (s); the server's default is 300. */
export const teamStandards = [180, 300, 480, 600, 900] as const;
export type UnitKind = 'station' | 'township_team' | 'micro_station';
export const unitKinds: readonly UnitKind[] = ['station', 'township_team', 'micro_station'];
export const PAGE_SIZE = 50;
/** Owner of the pick-point tool while a hypothetical unit is being placed. */
export const ADD_UNIT_TOOL = 'stations.add-unit';

/** A unit as the toggles list it (from the units layer). */
export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  status: string;
  turnoutS: number;
  staff: number;
}

/** A unit added by a click on the map, for the scenario being drafted. */
export interface HypotheticalUnit {
  name: string;
  kind: UnitKind;
  lon: number;
  lat: number;
  turnoutS: number;
  staff: number;
}

/** Distinct colours for units in split and overlap mode (Tableau 10 + 10 more), by unit order. */
export const unitPalette = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
] as const;

/** Legend row of one band of the surface, with the server's area. */
export interface BandRow {
  band: number;
  fromS: number;
  toS: number | null;
  color: string;
  areaKm2: number;
}

interface BandLike {
  properties: { band: number; fromS: number; toS: number | null; areaKm2: number } | null;
}

/** The legend of the surface: one row per band in the answer, fastest first, the colour the map uses. */
export function bandRows(features: readonly BandLike[]): BandRow[] {
  return features
    .flatMap((f) => (f.properties ? [f.properties] : []))
    .sort((a, b) => (a.toS ?? Infinity) - (b.toS ?? Infinity))
    .map((p) => ({
      band: p.band,
      fromS: p.fromS,
      toS: p.toS,
      color: p.toS === null ? beyondColor : (bandColors[p.band] ?? beyondColor),
      areaKm2: p.areaKm2,
    }));
}

/** Minutes of a band edge as text: 180 → '3', 450 → '7.5'. */
export function minutes(s: number): string {
  const m = s / 60;
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
}

/** An ETA as m:ss ('—' when not reached): 352.4 → '5:52'. */
export function formatEta(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Next table order after a click on a column: the same column flips, a new one starts slowest/A first. */
export function nextSort(
  current: { sort: SiteSort; dir: 'asc' | 'desc' },
  key: SiteSort,
): { sort: SiteSort; dir: 'asc' | 'desc' } {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { sort: key, dir: key === 'firstEta' || key === 'secondEta' ? 'desc' : 'asc' };
}

/**
 * The `turnout` query parameter: edited turnouts of the units switched on that differ from the
 * stored ones, tried live (`{}` when there are none).
 * @example turnoutParam(units, new Set([1, 5]), { 1: 90, 7: 30 }) // { turnout: '1:90' } when unit 1's stored turnout is not 90
 */
export function turnoutParam(
  units: readonly UnitInfo[],
  on: ReadonlySet<number>,
  turnout: Readonly<Record<number, number>>,
): { turnout?: string } {
  const pairs = units
    .filter((u) => on.has(u.id) && turnout[u.id] !== undefined && turnout[u.id] !== u.turnoutS)
    .map((u) => `${u.id}:${turnout[u.id]}`);
  return pairs.length > 0 ? { turnout: pairs.join(',') } : {};
}

/**
 * The changes of a scenario drafted from the toggles: units switched on that are not in service
 * go in service, in-service units switched off are closed, changed turnouts and the clicked units.
 */
export function draftChanges(
  units: readonly UnitInfo[],
  on: ReadonlySet<number>,
  turnout: Readonly<Record<number, number>>,
  hypothetical: readonly HypotheticalUnit[],
): ScenarioChanges {
  const unitStatus: ScenarioChanges['unitStatus'] = [];
  const turnouts: ScenarioChanges['turnout'] = [];
  for (const u of units) {
    const inService = u.status === 'in_service';
    if (on.has(u.id) && !inService) unitStatus.push({ unitId: u.id, status: 'in_service' });
    if (!on.has(u.id) && inService) unitStatus.push({ unitId: u.id, status: 'closed' });
    const t = turnout[u.id];
    if (t !== undefined && t !== u.turnoutS) turnouts.push({ unitId: u.id, turnoutS: t });
  }
  return { unitStatus, turnout: turnouts, hypotheticalUnits: hypothetical.map((h) => ({ ...h })) };
}

const emptyFc = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

type IsoFeature = Coverage['isochrones']['features'][number];

/**
 * The main-threshold layer: in split mode each unit's first-due district filled in its colour,
 * in overlap mode each unit's own reach outlined in its colour, in dissolve mode one outline.
 */
export function districtFeatures(
  features: readonly IsoFeature[],
  unitOrder: readonly (number | string)[],
  mode: Mode,
  threshold: number,
): FeatureCollection {
  const colorOf = (unitId: number | string | null) => {
    const i = unitId === null ? -1 : unitOrder.indexOf(unitId);
    return i < 0 ? '#495057' : (unitPalette[i % unitPalette.length] as string);
  };
  return {
    type: 'FeatureCollection',
    features: features
      .filter((f) => f.properties.thresholdS === threshold)
      .map((f, i) => ({
        type: 'Feature',
        id: i,
        properties: {
          unitId: f.properties.unitId,
          fill: mode === 'split',
          color: colorOf(f.properties.unitId),
          line: mode === 'dissolve' ? '#212529' : mode === 'split' ? '#ffffff' : colorOf(f.properties.unitId),
          width: mode === 'dissolve' ? 1.8 : mode === 'split' ? 0.8 : 1.6,
          areaKm2: f.properties.areaKm2,
        },
        geometry: f.geometry,
      })),
  };
}

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

  scope = $state<'high_risk_outside' | 'all'>('high_risk_outside');
  sort = $state<SiteSort>('firstEta');
  dir = $state<'asc' | 'desc'>('desc');
  page = $state(0);
  sitePage = $state.raw<SitePage | undefined>(undefined);
  sitesLoading = $state(false);

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
  units = $derived.by<UnitInfo[]>(() =>
    this.atlas
      .layer('units')
      .features.map((f) => {
        const p = f.properties as Props;
        return {
          id: Number(p.id),
          code: String(p.code),
          name: String(p.name),
          kind: p.kind as UnitKind,
          status: String(p.status),
          turnoutS: Number(p.turnoutS),
          staff: Number(p.staff),
        };
      })
      .sort((a, b) => a.id - b.id),
  );

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

  query = $derived.by<CoverageQuery | undefined>(() => {
    const on = this.on;
    if (!on || on.size === 0) return undefined;
    return {
      thresholds: thresholds.join(','),
      mode: this.mode,
      units: [...on].sort((a, b) => a - b).join(','),
      team_standard: String(this.teamStandard),
      ...(this.showErf ? { erf: String(this.threshold) } : {}),
      ...turnoutParam(this.units, on, this.turnout),
    };
  });

  sitesQuery = $derived.by<SitesQuery | undefined>(() => {
    const q = this.query;
    if (!q) return undefined;
    return {
      units: q.units,
      ...(q.turnout ? { turnout: q.turnout } : {}),
      thresholds: q.thresholds,
      mode: q.mode,
      team_standard: q.team_standard,
      scope: this.scope,
      threshold: String(this.threshold),
      ...(this.atlas.township ? { township: this.atlas.township } : {}),
      sort: this.sort,
      dir: this.dir,
    };
  });

  exportUrl(ext: 'csv' | 'xlsx'): string | undefined {
    return this.sitesQuery && sitesExportUrl(ext, this.sitesQuery);
  }

  sortBy(key: SiteSort): void {
    const next = nextSort({ sort: this.sort, dir: this.dir }, key);
    this.sort = next.sort;
    this.dir = next.dir;
    this.page = 0;
  }

  /** Names of units by id, the hypothetical ones of the compared scenario included ('h1' …). */
  unitNames = $derived.by(() => {
    const names = new Map<number | string, string>(this.units.map((u) => [u.id, u.name]));
    const change = this.comparison?.change;
    if (change && 'scenario' in change) {
      change.scenario.changes.hypotheticalUnits.forEach((h, i) => {
        names.set(`h${i + 1}`, h.name);
      });
    }
    return names;
  });

  unitName(id: number | string | null | undefined): string {
    if (id === null || id === undefined) return '—';
    return this.unitNames.get(id) ?? String(id);
  }

  legend = $derived(bandRows(this.coverage?.surface.features ?? []));

  /** Split mode's legend: each unit's first-due district at the main threshold, with the server's area. */
  districtLegend = $derived.by(() => {
    const c = this.coverage;
    if (c?.mode !== 'split') return [];
    const order = c.units.map((u) => u.id);
    return districtFeatures(c.isochrones.features, order, 'split', this.threshold).features.map((f) => ({
      unitId: f.properties?.unitId as number | string,
      color: f.properties?.color as string,
      areaKm2: f.properties?.areaKm2 as number,
    }));
  });

  /** The county's gap, or the chosen township's. */
  gap = $derived.by(() => {
    const features = this.coverage?.gaps.features ?? [];
    const code = this.atlas.township;
    return features.find((f) => (code ? f.properties?.code === code : f.properties?.scope === 'county'));
  });

  /** The chosen township's share of the 5-minute area (undefined for the county). */
  townshipWithin5 = $derived(this.coverage?.summary.within5Min.townships.find((t) => t.code === this.atlas.township));

  /** Every source of the coverage layer, built from the answers and the toggles. */
  mapData = $derived.by<LayerData | undefined>(() => {
    const c = this.coverage;
    if (!c) return undefined;
    const data: LayerData = Object.fromEntries(stationSources.map((s) => [s, emptyFc()]));
    // Split mode shows the districts instead of the surface, the ERF layer its personnel (one reading at a time).
    if (c.mode !== 'split' && !c.erf) {
      data['station-coverage'] = {
        type: 'FeatureCollection',
        features: c.surface.features.map((f, i) => ({ ...f, id: i }) as Feature),
      };
    }
    data['station-coverage-districts'] = districtFeatures(
      c.isochrones.features,
      c.units.map((u) => u.id),
      c.mode,
      this.threshold,
    );
    if (this.showGaps && this.gap) data['station-coverage-gaps'] = { type: 'FeatureCollection', features: [this.gap] };
    if (this.showRings) {
      data['station-coverage-rings'] = {
        type: 'FeatureCollection',
        features: c.rings.features.filter((f) => f.properties?.thresholdS === this.threshold),
      };
    }
    if (c.erf) {
      const max = Math.max(1, ...c.erf.features.map((f) => f.properties.personnel));
      data['station-coverage-erf'] = {
        type: 'FeatureCollection',
        features: c.erf.features.map((f) => ({
          ...f,
          properties: { ...f.properties, shade: f.properties.personnel / max },
        })),
      };
    }
    const cmp = this.comparison;
    if (cmp) {
      data['station-coverage-change'] = {
        type: 'FeatureCollection',
        features: [
          { ...cmp.newlyCovered, properties: { ...cmp.newlyCovered.properties, kind: 'newly' } },
          { ...cmp.noLongerCovered, properties: { ...cmp.noLongerCovered.properties, kind: 'lost' } },
        ].filter((f) => f.properties.cells > 0),
      };
    }
    return data;
  });

  /** The clicked units of the draft, as points for the draft layer. */
  draftPoints = $derived<FeatureCollection>({
    type: 'FeatureCollection',
    features: this.hypothetical.map((h, i) => ({
      type: 'Feature',
      id: i,
      properties: { id: i, name: h.name, kind: h.kind },
      geometry: { type: 'Point', coordinates: [h.lon, h.lat] },
    })),
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

  #sitesRequest = 0;
  async loadSites(q: SitesQuery, page: number): Promise<void> {
    const n = ++this.#sitesRequest;
    this.sitesLoading = true;
    try {
      const answer = await fetchSitePage({ ...q, offset: String(page * PAGE_SIZE), limit: String(PAGE_SIZE) });
      if (n === this.#sitesRequest) this.sitePage = answer;
    } catch (err) {
      if (n === this.#sitesRequest) this.error = placed('sites', err);
    } finally {
      if (n === this.#sitesRequest) this.sitesLoading = false;
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
