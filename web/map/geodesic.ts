/**
 * Geodesic distances on the WGS84 ellipsoid for the measure tool (pure; checked against
 * GeographicLib in tests/unit/web/geodesic.test.ts). Vincenty's inverse formula: sub-millimetre
 * at county scale; for the rare nearly antipodal pair where it does not converge, the
 * spherical (haversine) distance on the mean radius is returned instead (≤ 0.5 % off).
 */
import type { LngLat } from '../state/tool-machine';

const A = 6_378_137;
const F = 1 / 298.257_223_563;
const B = A * (1 - F);
const RAD = Math.PI / 180;
const MEAN_RADIUS = (2 * A + B) / 3;

function haversine([lon1, lat1]: LngLat, [lon2, lat2]: LngLat): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * MEAN_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Metres between two points along the ellipsoid.
 * @example geodesicDistance([113.6, 33.43], [113.61, 33.43]) // ≈ 929.9
 */
export function geodesicDistance(p: LngLat, q: LngLat): number {
  if (p[0] === q[0] && p[1] === q[1]) return 0;
  const L = (q[0] - p[0]) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(p[1] * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(q[1] * RAD));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  for (let i = 0; i < 200; i++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    const sinSigma = Math.hypot(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    const cos2Alpha = 1 - sinAlpha ** 2;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda =
      L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - prev) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const deltaSigma =
        bigB *
        sinSigma *
        (cos2SigmaM +
          (bigB / 4) *
            (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
              (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return B * bigA * (sigma - deltaSigma);
    }
  }
  return haversine(p, q);
}

/** Length of a polyline (sum of its geodesic segments), metres. */
export function pathLength(vertices: readonly LngLat[]): number {
  let total = 0;
  for (let i = 1; i < vertices.length; i++) total += geodesicDistance(vertices[i - 1] as LngLat, vertices[i] as LngLat);
  return total;
}

/** '850 m', '12.35 km' */
export function formatDistance(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(2)} km`;
}
