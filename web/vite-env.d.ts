/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Tianditu browser key; when set, the Tianditu basemaps are offered (off by default). */
  readonly VITE_TIANDITU_TK?: string;
}
