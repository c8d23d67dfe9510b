/**
 * Sites are reached by a road: every generated site has a road centreline within 150 m (the
 * generator's bound; the station coverage analysis allows 200 m off-road), so none is reported
 * unreachable for want of a road. The 13 real OSM sites keep their real points.
 * Oracle: brute force over every segment of every road row, point-to-segment distance in a
 * local equirectangular plane around each site (metres), written here independently of
 * data/synthetic; checked itself against turf.pointToLineDistance on the farthest sites.
 */
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoCountyData } from '../../../data/synthetic/types';
import { coordKey, demoCounty, GENERATE_TIMEOUT_MS } from './demo-county';

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;
/** The generator's bound, plus rounding to 1e-6° (≈ 0.1 m) and the two planes' scale difference. */
const BOUND_M = 150 + 0.5;
/** MAX_OFF_ROAD_M of the station coverage analysis. */
const ANALYSIS_OFF_ROAD_M = 200;

let data: DemoCountyData;
/** Every road segment's end points, lon/lat, flat: ax, ay, bx, by. */
let segs: Float64Array;

beforeAll(() => {
  ({ data } = demoCounty());
  const list: number[] = [];
  for (const r of data.roads) {
    const c = r.geom.coordinates;
    for (let k = 1; k < c.length; k++) {
      const a = c[k - 1] as number[];
      const b = c[k] as number[];
      list.push(a[0] as number, a[1] as number, b[0] as number, b[1] as number);
    }
  }
  segs = Float64Array.from(list);
}, GENERATE_TIMEOUT_MS);

/** Metres from (lon, lat) to the nearest road segment, over all of them. */
function nearestRoadM(lon: number, lat: number): number {
  const kx = EARTH_RADIUS_M * RAD * Math.cos(lat * RAD);
  const ky = EARTH_RADIUS_M * RAD;
  let best2 = Infinity;
  for (let i = 0; i < segs.length; i += 4) {
    const ax = ((segs[i] as number) - lon) * kx;
    const ay = ((segs[i + 1] as number) - lat) * ky;
    const dx = ((segs[i + 2] as number) - lon) * kx - ax;
    const dy = ((segs[i + 3] as number) - lat) * ky - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    const px = ax + t * dx;
    const py = ay + t * dy;
    best2 = Math.min(best2, px * px + py * py);
  }
  return Math.sqrt(best2);
}

describe('sites and roads', () => {
  it('the 13 real OSM sites are sites 1–13, at their POI points', () => {
    const poiPoints = new Set(data.pois.map((p) => coordKey(p.geom.coordinates)));
    const atPoi = data.sites.filter((s) => poiPoints.has(coordKey(s.geom.coordinates))).map((s) => s.id);
    expect(atPoi).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it(
    'every other site has a road within 150 m, so none is beyond the analysis’s 200 m off-road leg',
    () => {
      const generated = data.sites.filter((s) => s.id > 13);
      expect(generated).toHaveLength(15_500 - 13);
      const far = generated
        .map((s) => ({ id: s.id, d: nearestRoadM(...(s.geom.coordinates as [number, number])) }))
        .sort((a, b) => b.d - a.d);
      const beyondAnalysis = far.filter((x) => x.d > ANALYSIS_OFF_ROAD_M);
      expect(beyondAnalysis, `${beyondAnalysis.length} sites with no road within 200 m`).toEqual([]);
      expect(far.filter((x) => x.d > BOUND_M)).toEqual([]);

      // The oracle itself, on the five farthest sites: turf's geodesic point-to-line distance over every road.
      const lines = data.roads.map((r) => turf.feature(r.geom));
      for (const { id, d } of far.slice(0, 5)) {
        const site = data.sites[id - 1]?.geom.coordinates as number[];
        const geodesic = Math.min(...lines.map((l) => turf.pointToLineDistance(site, l, { units: 'meters' })));
        expect(Math.abs(geodesic - d), `site ${id}`).toBeLessThan(0.5);
      }
    },
    GENERATE_TIMEOUT_MS,
  );
});
