/** shpjs ships no types: the one call the import uses. */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  export default function shp(input: ArrayBuffer | Uint8Array): Promise<FeatureCollection | FeatureCollection[]>;
}
