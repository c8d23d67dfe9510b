/** GeoJSON exports: rows as points for field teams' GIS or phone maps. */
import type { Feature, FeatureCollection, Point } from 'geojson';

export type PointCollection = FeatureCollection<Point, Record<string, unknown>>;

/** One point feature per row, in row order, with the properties `properties` gives. */
export function pointCollection<R>(
  rows: readonly R[],
  lonLat: (row: R) => [number, number],
  properties: (row: R) => Record<string, unknown>,
): PointCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map(
      (r): Feature<Point, Record<string, unknown>> => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: lonLat(r) },
        properties: properties(r),
      }),
    ),
  };
}
