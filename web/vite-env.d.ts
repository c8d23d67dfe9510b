/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Tianditu browser key; when set, the Tianditu basemaps are offered (off by default). */
  readonly VITE_TIANDITU_TK?: string;
}

interface Window {
  /** The map, exposed in test builds (`?test`) for e2e assertions. */
  __map?: import('maplibre-gl').Map;
}
