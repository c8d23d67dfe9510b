/**
 * Reproducible GCJ-02 → WGS84 conversion of the DataV boundaries (SOURCES.md, "county-boundary.wgs84").
 * There is no official inverse of GCJ-02 (docs/standards.md §5): the coordinate kernel
 * (server/geo/crs) refines gcoord's inverse until gcoord's forward WGS84 → GCJ-02 image matches the
 * input to 1e-10°; the result is rounded to 1e-6° (≈ 0.1 m), the precision of the source.
 *
 * CLI: `npx tsx data/wuyang/gcj02-to-wgs84.ts` rewrites the two *.wgs84.geojson files from the
 * *.gcj02.geojson files beside them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { toWgs84 } from '../../server/geo/crs/convert';

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** One position, unrounded: the WGS84 point whose GCJ-02 image is `gcj` (to 1e-10°). */
export function gcj02ToWgs84Exact(gcj: Position): [number, number] {
  return toWgs84('gcj02', [gcj[0] as number, gcj[1] as number]);
}

/** One position, rounded to 1e-6°. */
export function gcj02ToWgs84Position(gcj: Position): Position {
  const [x, y] = gcj02ToWgs84Exact(gcj);
  return [round6(x), round6(y)];
}

type Coordinates = Position | Coordinates[];

function mapCoordinates(c: Coordinates): Coordinates {
  return typeof c[0] === 'number' ? gcj02ToWgs84Position(c as Position) : (c as Coordinates[]).map(mapCoordinates);
}

/**
 * Converts every vertex of a geometry; pure (returns a new geometry).
 * @example gcj02ToWgs84Geometry({ type: 'Point', coordinates: [113.610565, 33.436278] })
 *   // → { type: 'Point', coordinates: [113.604659, 33.438071] }
 */
export function gcj02ToWgs84Geometry<G extends Exclude<Geometry, { type: 'GeometryCollection' }>>(geometry: G): G {
  return { ...geometry, coordinates: mapCoordinates(geometry.coordinates as Coordinates) } as G;
}

const CRS_NOTE =
  'WGS84, derived from the GCJ-02 file by data/wuyang/gcj02-to-wgs84.ts (gcoord inverse refined by ' +
  'fixed-point iteration to 1e-10°, rounded to 1e-6°); accuracy is that of DataV, not a surveyed boundary';

/** A DataV FeatureCollection with its `center`/`centroid` properties converted too. */
export function gcj02ToWgs84Collection(fc: FeatureCollection): FeatureCollection {
  return {
    ...fc,
    crs_note: CRS_NOTE,
    features: fc.features.map((f) => {
      const properties = { ...f.properties };
      for (const key of ['center', 'centroid']) {
        const value = properties[key];
        if (Array.isArray(value)) properties[key] = gcj02ToWgs84Position(value as Position);
      }
      if (f.geometry.type === 'GeometryCollection') throw new Error('GeometryCollection not supported');
      return { ...f, properties, geometry: gcj02ToWgs84Geometry(f.geometry) };
    }),
  } as FeatureCollection;
}

export const CONVERTED_FILES = ['county-boundary', 'luohe-districts'] as const;

function main(): void {
  for (const name of CONVERTED_FILES) {
    const input = new URL(`./${name}.gcj02.geojson`, import.meta.url);
    const output = new URL(`./${name}.wgs84.geojson`, import.meta.url);
    const fc = JSON.parse(readFileSync(input, 'utf8')) as FeatureCollection;
    writeFileSync(output, JSON.stringify(gcj02ToWgs84Collection(fc)));
    console.log(`wrote ${fileURLToPath(output)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
