/**
 * The app's shared state (STYLE.md §12): layers, the chosen township, selection, basemap,
 * the API's health, and the Map itself — handed to components by context, not imported.
 */
import type { Feature } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';
import { fetchHealth, type Health } from '../api';
import { availableBasemaps } from '../map/basemap';
import { anchorOf, flyToGeometry } from '../map/camera';
import type { Props } from '../map/layer-module';
import { registry } from '../map/layers';
import { LayerState } from './layer-state.svelte';
import { Locale } from './locale.svelte';

/** A feature the user picked (click or search): the popup shows it. */
export interface Selection {
  layer: LayerState;
  feature: Feature;
  lngLat: [number, number];
}

/** The side panels that draw analysis layers of their own. */
export type AnalysisPanel = 'stations' | 'hydrants' | 'density';

export class Atlas {
  readonly locale = new Locale();
  readonly layers = registry.map((m) => new LayerState(m));
  readonly basemaps = availableBasemaps({ tiandituTk: import.meta.env.VITE_TIANDITU_TK });
  map = $state.raw<MapLibreMap | undefined>(undefined);
  health = $state.raw<Health | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  /** 9-digit code of the chosen township; '' = the whole county. */
  township = $state('');
  basemap = $state('offline');
  selection = $state.raw<Selection | undefined>(undefined);
  cursor = $state.raw<[number, number] | undefined>(undefined);
  zoom = $state(0);
  /**
   * The analysis panel whose layers are on the map ('' until one opens). Opening an analysis
   * panel puts the other panels' layers away, so two analyses never draw over each other; the
   * layers tab leaves them as they are.
   */
  analysis = $state<AnalysisPanel | ''>('');

  /** Every layer shown at start has its data (or failed): the first complete render can happen. */
  loaded = $derived(this.layers.every((l) => !l.visible || l.data !== undefined || l.error !== undefined));

  layer(id: string): LayerState {
    const found = this.layers.find((l) => l.module.id === id);
    if (!found) throw new Error(`unknown layer ${id}`);
    return found;
  }

  townshipFeature(code: string): Feature | undefined {
    return this.layer('townships').byId.get(code);
  }

  async start(): Promise<void> {
    const visible = this.layers.filter((l) => l.visible).map((l) => l.load());
    try {
      this.health = await fetchHealth();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
    await Promise.all(visible);
  }

  /** Chooses a township (or '' for the county): every layer is filtered, the map fits it. */
  chooseTownship(code: string): void {
    this.township = code;
    const target = code ? this.townshipFeature(code) : this.focusCounty();
    if (this.map && target) flyToGeometry(this.map, target.geometry);
  }

  focusCounty(): Feature | undefined {
    return this.layer('counties').features.find((f) => (f.properties as Props).focus === true);
  }

  /** Selects a feature and flies to it (search results). */
  focus(layer: LayerState, feature: Feature): void {
    if (!layer.visible) layer.show(true);
    this.selection = { layer, feature, lngLat: anchorOf(feature.geometry) };
    if (this.map) flyToGeometry(this.map, feature.geometry);
  }
}

const key = Symbol('atlas');
export function setAtlas(atlas: Atlas): Atlas {
  return setContext(key, atlas);
}
export function getAtlas(): Atlas {
  return getContext<Atlas>(key);
}
