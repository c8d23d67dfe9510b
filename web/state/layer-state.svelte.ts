/**
 * One layer module's runtime state: its data (replaced whole), visibility, opacity, hidden
 * classes. `base` is the user's toggle in the layers panel (the base map); `visible` is what the
 * open panel shows (state/panels.ts), decided by the app state.
 */
import type { Feature } from 'geojson';
import type { LayerData, LayerModule, Props } from '../map/layer-module';

/** One feature of the main source changed: the map is sent this diff instead of the whole layer. */
export interface FeatureChange {
  /** The data before and after: the diff applies only if the map holds `from`. */
  from: LayerData;
  to: LayerData;
  source: string;
  /** New or replacing features (by id), and ids removed. */
  put: Feature[];
  drop: (string | number)[];
}

type ClassValue = string | number;

export class LayerState {
  /** On in the base map (the layers panel's toggle). */
  base = $state(false);
  /** On the map now: the open panel's declaration decides. */
  visible = $derived.by(() => this.isShown(this.module.id));
  /** Multiplies the module's area opacities (the panel's slider). */
  opacity = $state(1);
  /** Legend classes hidden per property, pushed into MapLibre global state. */
  hidden = $state<Record<string, ClassValue[]>>({});
  data = $state.raw<LayerData | undefined>(undefined);
  /** The data the map holds now (not reactive): the map is given `data` only when it differs. */
  onMap: LayerData | undefined = undefined;
  /** The last one-feature change (not reactive): how the map gets from `from` to `to` cheaply. */
  change: FeatureChange | undefined = undefined;
  error = $state<string | undefined>(undefined);
  #loading: Promise<void> | undefined;
  /** Data put in by a panel (`fill`): the module's own loader never overwrites it. */
  #filled = false;

  /** Features of the main source (named like the module). */
  features = $derived.by<Feature[]>(() => this.data?.[this.module.id]?.features ?? []);
  /** Original properties by id: MapLibre's copies flatten arrays and objects to strings. */
  byId = $derived(new Map(this.features.map((f) => [String((f.properties as Props).id), f])));

  constructor(
    readonly module: LayerModule,
    private readonly isShown: (id: string) => boolean,
  ) {
    this.base = module.defaultVisible;
    for (const group of module.legend) {
      if (group.prop) this.hidden[group.prop] = [...(group.hiddenByDefault ?? [])];
    }
  }

  /** Loads once; later calls wait for the same request. */
  load(): Promise<void> {
    this.#loading ??= this.module.load().then(
      (data) => {
        if (!this.#filled) this.data = data;
      },
      (err: unknown) => {
        this.error = err instanceof Error ? err.message : String(err);
      },
    );
    return this.#loading;
  }

  /** Loads again after a write (e.g. accepted hydrant proposals), replacing the data whole. */
  reload(): Promise<void> {
    this.#loading = undefined;
    this.#filled = false;
    return this.load();
  }

  /** An analysis answer's map data, from the panel that owns it (replaced whole). */
  fill(data: LayerData): void {
    this.#filled = true;
    this.data = data;
  }

  /**
   * Puts one feature into the main source (replacing the one of its id, in place) or drops the
   * feature of `id` (`feature` undefined) — after an edit, so the map updates that feature's
   * tiles instead of taking the whole layer again (15,500 sites).
   */
  replace(id: string | number, feature: Feature | undefined): void {
    const from = this.data;
    const source = this.module.id;
    const fc = from?.[source];
    if (!from || !fc) return;
    const key = String(id);
    const at = fc.features.findIndex((f) => String((f.properties as Props | null)?.id) === key);
    const features = [...fc.features];
    const dropped = at >= 0 ? features[at] : undefined;
    if (feature && at >= 0) features[at] = feature;
    else if (feature) features.push(feature);
    else if (at >= 0) features.splice(at, 1);
    else return;
    const to = { ...from, [source]: { ...fc, features } };
    const droppedId = (dropped?.properties as Props | null | undefined)?.id as string | number | undefined;
    this.change = {
      from,
      to,
      source,
      put: feature ? [feature] : [],
      drop: !feature && droppedId !== undefined ? [droppedId] : [],
    };
    this.data = to;
  }

  /** The base-map toggle (layers panel). */
  show(visible: boolean): void {
    this.base = visible;
    if (visible) void this.load();
  }

  toggleClass(prop: string, value: ClassValue): void {
    const current = this.hidden[prop] ?? [];
    this.hidden[prop] = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  }

  isHidden(prop: string, value: ClassValue): boolean {
    return this.hidden[prop]?.includes(value) ?? false;
  }

  /** Features in the chosen township ('' = all); layers without a township code are not narrowed. */
  inTownship(township: string): Feature[] {
    const prop = this.module.townshipProp;
    if (!township || !prop) return this.features;
    return this.features.filter((f) => (f.properties as Props)[prop] === township);
  }

  /** Count per class of `prop` among `features`. */
  static classCounts(features: Feature[], prop: string): Map<ClassValue, number> {
    const counts = new Map<ClassValue, number>();
    for (const f of features) {
      const value = (f.properties as Props)[prop] as ClassValue;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
  }
}
