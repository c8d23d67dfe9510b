/**
 * What every layer module exports (STYLE.md §10): its sources, its style layers, a legend
 * built from the same colour tables as the paint, and a loader. The map style is assembled
 * from these by `buildStyle` (style.ts) in the order of the registry (layers/index.ts).
 */
import type {
  GeoJSONSourceSpecification,
  LayerSpecification,
  SymbolLayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import type { MessageKey, Params } from '../i18n';

/** How a legend row is drawn: a swatch of the paint it stands for. */
export type Swatch =
  | { shape: 'circle'; color: string; stroke?: string; radius?: number }
  | { shape: 'line'; color: string; width: number; dashed?: boolean }
  | { shape: 'fill'; color: string; stroke: string }
  | { shape: 'icon'; image: string };

interface LegendRow {
  /** The property value this row stands for (absent for a fixed row). */
  value?: string | number;
  label: MessageKey;
  swatch: Swatch;
}

/**
 * A legend group. When `prop` is set, each row is a class of that property: the panel counts
 * features per class and can hide a class (`notHidden` in the layer filters).
 */
interface LegendGroup {
  prop?: string;
  title?: MessageKey;
  /** Values hidden until the user shows them. */
  hiddenByDefault?: (string | number)[];
  rows: LegendRow[];
}

/** A paint opacity the panel's slider scales (area layers). */
interface OpacityTarget {
  layer: string;
  property: 'fill-opacity' | 'line-opacity';
  base: number;
}

export type LayerData = Record<string, FeatureCollection>;

/** Feature properties as the API sent them (looked up by id, not MapLibre's flattened copy). */
export type Props = Record<string, unknown>;

/** A popup value: plain text (shown as text, never HTML), a message, or absent. */
export type PopupValue = string | number | null | undefined | { key: MessageKey; params?: Params };

interface PopupContent {
  title: string;
  kind: MessageKey;
  rows: [MessageKey, PopupValue][];
  /** Set for a township: the popup adds per-layer counts and a filter button. */
  township?: string;
}

/** What the search box indexes of a feature. */
interface SearchEntry {
  name: string;
  code: string;
}

export interface LayerModule {
  /** Registry key and the main source id. */
  id: string;
  title: MessageKey;
  sources: Record<string, GeoJSONSourceSpecification>;
  /** Body layers, drawn in registry order. */
  layers: LayerSpecification[];
  /** Label layers, drawn above every module's body layers. */
  labels: SymbolLayerSpecification[];
  /** Layers that answer hover and click (popups). */
  interactive: string[];
  legend: LegendGroup[];
  opacity: OpacityTarget[];
  /** Whether the township filter applies (the panel then counts only the chosen township). */
  townshipProp?: string;
  defaultVisible: boolean;
  /** Loaded only when first shown (heavy layers not needed at start). */
  lazy: boolean;
  /** The largest start answer: requested first, so that it does not queue behind small ones. */
  loadFirst?: true;
  load: () => Promise<LayerData>;
  /** Popup content for a feature of the main source. */
  popup?: (props: Props) => PopupContent;
  /** Name and code the search box matches, for searchable layers. */
  search?: (props: Props) => SearchEntry;
  /**
   * The images its paint and layout name (icons, fill patterns), drawn on demand: the map asks
   * every module for an image it is missing (`undefined` = not mine), so no one else needs to
   * know about a particular layer's images, and a basemap swap loses none.
   */
  images?: (id: string, ratio: number) => HTMLCanvasElement | undefined;
  /**
   * false: not in the layers panel, so never part of the base map — an analysis panel's own
   * layer (shown by its declaration) or a map tool's overlay.
   */
  listed?: false;
  /** A permission the signed-in user needs to see the layer (hazard records: `records:read`). */
  requires?: 'records:read';
}

/** An empty GeoJSON source whose data a loader fills; `promoteId` makes feature-state work by `id`. */
export function emptySource(extra: Partial<GeoJSONSourceSpecification> = {}): GeoJSONSourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id', ...extra };
}

/** Local fonts: no `glyphs` URL in the style, so MapLibre draws labels with these (TinySDF). */
export const fonts = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
/** The CSS family MapLibre uses for CJK characters. */
export const localIdeographFontFamily =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
