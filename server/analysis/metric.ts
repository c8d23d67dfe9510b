/**
 * Metre distances on the WGS84 ellipsoid, the way PostGIS `geography` measures them
 * (`ST_Distance` / `ST_DWithin` with the default use_spheroid, GeographicLib's geodesic).
 *
 * Points go to earth-centred coordinates (ECEF) on the ellipsoid surface. The straight
 * chord c between two of them is shorter than the geodesic s by about c³/24R² (3.5 nm at
 * 150 m, 0.13 mm at 5 km); s = 2R·asin(c/2R) with the mean radius R removes nearly all of
 * that, so the result matches Karney's geodesic to well under a micrometre below 1 km and a
 * tenth of a millimetre at 20 km (tests/unit/analysis/hydrant-metric.test.ts). Because s
 * grows with c, the nearest point by chord is the nearest on the ellipsoid, which lets a
 * plain 3-D kd-tree (kd-index.ts) answer "nearest hydrant in metres" exactly.
 */

/** A WGS84 (≈ CGCS2000 at map scale, docs/standards.md §5) longitude / latitude in degrees. */
export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

// WGS84, the spheroid PostGIS uses for SRID 4326 geography.
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
/** IUGG mean radius (2a + b) / 3, for the small chord → arc correction only. */
const R = (2 * A + A * (1 - F)) / 3;
const DEG = Math.PI / 180;

/**
 * Writes the ECEF position (metres) of lon/lat on the ellipsoid surface into out[3i..3i+2].
 * @example
 * const out = new Float64Array(3);
 * writeEcef(0, 0, out, 0); // out = [6378137, 0, 0]
 */
export function writeEcef(lon: number, lat: number, out: Float64Array, i: number): void {
  const phi = lat * DEG;
  const lambda = lon * DEG;
  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const n = A / Math.sqrt(1 - E2 * sinPhi * sinPhi);
  out[3 * i] = n * cosPhi * Math.cos(lambda);
  out[3 * i + 1] = n * cosPhi * Math.sin(lambda);
  out[3 * i + 2] = n * (1 - E2) * sinPhi;
}

/**
 * ECEF positions of many points, packed x, y, z.
 * @example
 * toEcef([{ lon: 113.6, lat: 33.5 }]).length; // 3
 */
export function toEcef(points: readonly LonLat[]): Float64Array {
  const out = new Float64Array(points.length * 3);
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as LonLat;
    writeEcef(p.lon, p.lat, out, i);
  }
  return out;
}

/**
 * Geodesic metres for a chord length in metres.
 * @example
 * chordToMetres(150); // 150.0000000035
 */
export function chordToMetres(chord: number): number {
  return 2 * R * Math.asin(Math.min(1, chord / (2 * R)));
}

/**
 * Chord length for a geodesic distance — the inverse of chordToMetres, for index queries.
 * @example
 * metresToChord(150); // 149.9999999965
 */
export function metresToChord(metres: number): number {
  return 2 * R * Math.sin(Math.min(Math.PI / 2, metres / (2 * R)));
}

/**
 * Squared chord between points i of `a` and j of `b` (both packed x, y, z).
 * @example
 * chord2(toEcef([p]), 0, toEcef([q]), 0);
 */
export function chord2(a: Float64Array, i: number, b: Float64Array, j: number): number {
  const dx = (a[3 * i] as number) - (b[3 * j] as number);
  const dy = (a[3 * i + 1] as number) - (b[3 * j + 1] as number);
  const dz = (a[3 * i + 2] as number) - (b[3 * j + 2] as number);
  return dx * dx + dy * dy + dz * dz;
}

/**
 * Ellipsoidal distance in metres between two lon/lat points (PostGIS
 * `ST_Distance(a::geography, b::geography)`).
 * @example
 * distanceMetres({ lon: 113.6, lat: 33.5 }, { lon: 113.601, lat: 33.501 }); // ≈ 144.694
 */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const xyz = toEcef([a, b]);
  return chordToMetres(Math.sqrt(chord2(xyz, 0, xyz, 1)));
}
