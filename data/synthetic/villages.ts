/**
 * SYNTHETIC village locations for the real village names and codes (villages.csv has no
 * coordinates, SOURCES.md). Mitchell's best-candidate sampling inside each township spreads the
 * villages like the plain's regular village pattern (≈ 1–1.5 km apart), keeps them ≥ 600 m apart,
 * clear of the township seats and out of the county-seat town.
 */
import type { Position } from 'geojson';
import { distXY, pointInMultiPolygon, roundPosition, type XY } from '../../server/geo/plane';
import type { RealVillage } from '../wuyang/load';
import type { GenContext } from './context';
import type { GenTownship } from './townships';

export interface GenVillage extends RealVillage {
  geom: Position;
  xy: XY;
}

const MIN_SPACING_M = 600;
const SEAT_CLEARANCE_M = 1200;
/** Keep villages outside the OSM extract box plus this margin (the county-seat town). */
const TOWN_MARGIN_M = 400;
const CANDIDATES = 12;

export function placeVillages(ctx: GenContext, townships: GenTownship[]): GenVillage[] {
  const rng = ctx.rng.fork('villages');
  const placed: XY[] = townships.map((t) => t.seatXY);
  const out: GenVillage[] = [];
  for (const t of townships) {
    const own = ctx.real.villages.filter((v) => v.townshipCode === t.code);
    const ring = t.geom.coordinates.flatMap((polygon) => polygon[0] ?? []).map((p) => ctx.proj.toXY(p));
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const gap = (xy: XY) => Math.min(...placed.map((q) => distXY(q, xy)));
    for (const village of own) {
      // Mitchell: of CANDIDATES valid random points, keep the one farthest from all placed ones.
      let best: { xy: XY; geom: Position; gap: number } | undefined;
      let valid = 0;
      for (let tries = 0; tries < 5000 && valid < CANDIDATES; tries++) {
        const geom = roundPosition(ctx.proj.toLonLat([rng.uniform(x0, x1), rng.uniform(y0, y1)]));
        const xy = ctx.proj.toXY(geom);
        if (!pointInMultiPolygon(geom, t.geom) || ctx.inOsmBox(xy, TOWN_MARGIN_M)) continue;
        if (distXY(xy, t.seatXY) < SEAT_CLEARANCE_M) continue;
        const g = gap(xy);
        if (g < MIN_SPACING_M) continue;
        valid++;
        if (best === undefined || g > best.gap) best = { xy, geom, gap: g };
      }
      if (!best) throw new Error(`no room for village ${village.name} in ${t.name}`);
      placed.push(best.xy);
      out.push({ ...village, geom: best.geom, xy: best.xy });
    }
  }
  return out;
}
