/**
 * The app's shared state (STYLE.md §12): layers, the open panel and what it shows, the active
 * map tool, the chosen township, selection, basemap, the API's health, and the Map itself —
 * handed to components by context, not imported. Panels never call the map: they ask this
 * state (a tool, a camera move, which layers they show).
 */
import type { Feature, Geometry } from 'geojson';
import { DetailedError } from 'hono/client';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';
import { fetchHealth, fetchLayerFeature, type Health, type LayerEndpoint } from '../api';
import { availableBasemaps } from '../map/basemap';
import { anchorOf, flyToGeometry } from '../map/camera';
import type { Props } from '../map/layer-module';
import { registry } from '../map/layers';
import { mapImage } from '../map/snapshot';
import { countyOptions } from './county';
import { LayerState } from './layer-state.svelte';
import { Locale } from './locale.svelte';
import { MapTool } from './map-tool.svelte';
import { type PanelId, panelDeclaration, shownLayers } from './panels';

/** A feature the user picked (click or search): the popup shows it. */
export interface Selection {
  layer: LayerState;
  feature: Feature;
  lngLat: [number, number];
}

export class Atlas {
  readonly locale = new Locale();
  readonly tool = new MapTool();
  /** The open side panel; its declaration (state/panels.ts) decides the layers on the map. */
  panel = $state<PanelId>('layers');
  /** Optional layers each panel has switched on (only those it declares take effect). */
  optional = $state<Record<PanelId, string[]>>({
    layers: [],
    firecall: [],
    stations: [],
    hydrants: [],
    density: [],
    edit: [],
    inspections: [],
    import: [],
    bulletin: [],
    work: [],
  });
  /** Layers of features gone to during this panel visit (search, a table row): dropped on a panel change. */
  focused = $state<string[]>([]);
  readonly layers: LayerState[] = registry.map((m) => new LayerState(m, (id) => this.shown.has(id)));
  readonly basemaps = availableBasemaps({ tiandituTk: import.meta.env.VITE_TIANDITU_TK });
  map = $state.raw<MapLibreMap | undefined>(undefined);
  health = $state.raw<Health | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  /** 9-digit code of the chosen township; '' = the whole county. */
  township = $state('');
  /** Adcode of the chosen county (issue 12 §5); '' = the focus county. Panels pass `countyParam`. */
  county = $state('');
  /** The counties the picker offers (holding townships, the focus county first); shown when two or more. */
  counties = $derived.by(() => countyOptions(this.layer('counties').features, this.layer('townships').features));
  basemap = $state('offline');
  selection = $state.raw<Selection | undefined>(undefined);
  cursor = $state.raw<[number, number] | undefined>(undefined);
  zoom = $state(0);
  /** Layer modules on the map now: the open panel's declaration applied (tool overlays aside). */
  shown = $derived.by(() => {
    const shown = shownLayers(
      panelDeclaration(this.panel),
      new Set(this.layers.filter((l) => l.base && l.module.listed !== false).map((l) => l.module.id)),
      new Set(this.optional[this.panel]),
      new Set(this.focused),
    );
    if (this.tool.kind === 'measure' || this.tool.kind === 'draw-polygon' || this.tool.kind === 'move-point') {
      shown.add('map-tool');
    }
    return shown;
  });

  /** The print layout (issue 15) is open, with its title; undefined when closed. */
  print = $state<{ title: string } | undefined>(undefined);

  /** Opens the print layout over the app (any panel; the map as it is now). */
  openPrint(title: string): void {
    this.tool.cancel();
    this.print = { title };
  }

  closePrint(): void {
    this.print = undefined;
  }

  /** Opens a panel: its layers come on, every other one goes off; a tool in use ends. */
  openPanel(id: PanelId): void {
    if (id === this.panel) return;
    this.tool.cancel();
    this.focused = [];
    this.panel = id;
  }

  /** A panel switches one of its optional layers (`may`) on or off. */
  setOptional(panel: PanelId, layer: string, on: boolean): void {
    const current = this.optional[panel];
    if (on === current.includes(layer)) return;
    this.optional[panel] = on ? [...current, layer] : current.filter((l) => l !== layer);
    if (on) void this.layer(layer).load();
  }

  /** Every layer shown at start has its data (or failed): the first complete render can happen. */
  loaded = $derived(this.layers.every((l) => !l.visible || l.data !== undefined || l.error !== undefined));

  layer(id: string): LayerState {
    const found = this.layers.find((l) => l.module.id === id);
    if (!found) throw new Error(`unknown layer ${id}`);
    return found;
  }

  /**
   * One feature changed by a write (an edit, an inspection, a hazard): the layer takes it as the
   * layer serves it, and the map re-cuts only its tiles. A feature gone (deleted, 404) is dropped.
   */
  async refreshFeature(layer: LayerEndpoint, id: string | number): Promise<void> {
    const state = this.layer(layer);
    if (!state.data) return;
    try {
      state.replace(id, await fetchLayerFeature(layer, id));
    } catch (err) {
      if (!(err instanceof DetailedError) || err.statusCode !== 404) throw err;
      state.replace(id, undefined);
    }
  }

  townshipFeature(code: string): Feature | undefined {
    return this.layer('townships').byId.get(code);
  }

  /**
   * Loads the start layers, then the status bar's health. A browser opens six connections to a
   * host: the largest answer goes first (`loadFirst`) and health waits, so no layer queues
   * behind a request the map does not need.
   */
  async start(): Promise<void> {
    const largestFirst = [...this.layers].sort((a, b) => Number(!!b.module.loadFirst) - Number(!!a.module.loadFirst));
    // a layer's load() keeps its own error, never rejects
    await Promise.all(largestFirst.filter((l) => l.visible).map((l) => l.load()));
    try {
      this.health = await fetchHealth();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Chooses a township (or '' for the county): every layer is filtered, the map fits it. */
  chooseTownship(code: string): void {
    this.township = code;
    const target = code ? this.townshipFeature(code) : this.countyFeature();
    if (this.map && target) flyToGeometry(this.map, target.geometry);
  }

  /** Chooses a county (its adcode; the focus county's = ''): the township filter clears, the map fits it. */
  chooseCounty(adcode: string): void {
    this.county = adcode === this.focusAdcode ? '' : adcode;
    this.chooseTownship('');
  }

  focusCounty(): Feature | undefined {
    return this.layer('counties').features.find((f) => (f.properties as Props).focus === true);
  }

  get focusAdcode(): string | undefined {
    const p = this.focusCounty()?.properties as Props | undefined;
    return p ? String(p.adcode) : undefined;
  }

  /** The chosen county's adcode ('' resolved to the focus county's). */
  get countyAdcode(): string | undefined {
    return this.county || this.focusAdcode;
  }

  /** The chosen county's boundary (the focus county's by default). */
  countyFeature(): Feature | undefined {
    if (!this.county) return this.focusCounty();
    return this.layer('counties').features.find((f) => (f.properties as Props).adcode === this.county);
  }

  /** `county=` of every panel's API call: undefined for the focus county (its requests stay as they were). */
  get countyParam(): string | undefined {
    return this.county || undefined;
  }

  /** Selects a feature and flies to it (search results); its layer comes on for this visit. */
  focus(layer: LayerState, feature: Feature): void {
    if (!layer.visible) {
      if (this.panel === 'layers') layer.show(true);
      else this.focused = [...this.focused, layer.module.id];
      void layer.load();
    }
    this.selection = { layer, feature, lngLat: anchorOf(feature.geometry) };
    this.flyTo(feature.geometry);
  }

  /** The map as drawn now (a print card), for panels that never hold the map. */
  async mapImage(): Promise<string | undefined> {
    return this.map ? mapImage(this.map) : undefined;
  }

  /** Camera move for panels (they never hold the map). */
  flyTo(geometry: Geometry): void {
    if (this.map) flyToGeometry(this.map, geometry);
  }
}

const key = Symbol('atlas');
export function setAtlas(atlas: Atlas): Atlas {
  return setContext(key, atlas);
}
export function getAtlas(): Atlas {
  return getContext<Atlas>(key);
}
