/**
 * A local metric projection for one county: transverse Mercator on the GRS80 ellipsoid
 * (CGCS2000 ≈ WGS84 at map scale, docs/standards.md §5) centred on the area analysed, so plane
 * distances in metres are true to ~1e-5 within ±0.5° of the centre — the same family as
 * the 3° Gauss-Krüger zones (EPSG:4547), without assuming which zone a county is in.
 */
import proj4 from 'proj4';

export interface LocalProjection {
  readonly lon0: number;
  readonly lat0: number;
  /** lon/lat (degrees) → x east, y north (metres from the centre). */
  forward(lon: number, lat: number): [number, number];
  /** x, y (metres) → lon/lat (degrees). */
  inverse(x: number, y: number): [number, number];
}

/**
 * @example
 * const p = localProjection(113.6, 33.5);
 * const [x, y] = p.forward(113.61, 33.5); // x ≈ 929 m, y ≈ 0
 */
export function localProjection(lon0: number, lat0: number): LocalProjection {
  const converter = proj4(
    'WGS84',
    `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`,
  );
  return {
    lon0,
    lat0,
    forward: (lon, lat) => converter.forward([lon, lat]) as [number, number],
    inverse: (x, y) => converter.inverse([x, y]) as [number, number],
  };
}

/**
 * Centres a projection on the bounding box of some lon/lat positions.
 * @example
 * const p = projectionFor([[113.4, 33.4], [113.8, 33.6]]); // p.lon0 = 113.6, p.lat0 = 33.5
 */
export function projectionFor(positions: Iterable<readonly number[]>): LocalProjection {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon = NaN, lat = NaN] of positions) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  if (!Number.isFinite(minLon + maxLon + minLat + maxLat)) throw new RangeError('projectionFor: no finite positions');
  return localProjection((minLon + maxLon) / 2, (minLat + maxLat) / 2);
}
