/**
 * SYNTHETIC sites next to a road: a real inspected place is reached by a road or a lane, so a
 * generated site drawn farther than SITE_ROAD_MAX_M from every road centreline is pulled
 * straight towards its nearest road until it stands 20–150 m from it, and stays in its
 * township (else the next-nearest road is tried, then the nearest distance of 20 m). Sites
 * already close enough, and the real OSM sites, keep their points. The distances come from a
 * stream of their own, so every other number of the generator is unchanged.
 */
import type { Position } from 'geojson';
import { type PolygonLookup, roundPosition, type XY } from '../../server/geo/plane';
import { projectOnSegment } from '../../server/geo/segments';
import type { GenContext } from './context';
import type { RoadEdge } from './roads';

/** No generated site is farther than this from a road centreline (m); the coverage analysis allows 200 m off-road. */
export const SITE_ROAD_MAX_M = 150;
/** A pulled site stands this far from its road (m): a yard, a lane, a row of houses back. */
const PULL_TO_M: [number, number] = [20, SITE_ROAD_MAX_M];
/** Grid cell of the segment index (m); ≥ SITE_ROAD_MAX_M so the 3 × 3 block around a point holds every segment within it. */
const CELL_M = 200;

interface Segment {
  a: XY;
  b: XY;
}

/** The road segments in a uniform grid (a segment is listed in every cell its box touches). */
class SegmentGrid {
  private readonly cells = new Map<string, number[]>();

  constructor(readonly segments: Segment[]) {
    segments.forEach((s, i) => {
      const [c0, c1] = [Math.floor(Math.min(s.a[0], s.b[0]) / CELL_M), Math.floor(Math.max(s.a[0], s.b[0]) / CELL_M)];
      const [r0, r1] = [Math.floor(Math.min(s.a[1], s.b[1]) / CELL_M), Math.floor(Math.max(s.a[1], s.b[1]) / CELL_M)];
      for (let c = c0; c <= c1; c++) {
        for (let r = r0; r <= r1; r++) {
          const key = `${c},${r}`;
          const list = this.cells.get(key);
          if (list) list.push(i);
          else this.cells.set(key, [i]);
        }
      }
    });
  }

  /** Distance to the nearest segment if one lies within CELL_M, else Infinity. */
  nearWithin(p: XY): number {
    const c = Math.floor(p[0] / CELL_M);
    const r = Math.floor(p[1] / CELL_M);
    let best = Infinity;
    for (let dc = -1; dc <= 1; dc++) {
      for (let dr = -1; dr <= 1; dr++) {
        for (const i of this.cells.get(`${c + dc},${r + dr}`) ?? []) {
          const s = this.segments[i] as Segment;
          best = Math.min(best, projectOnSegment(p, s.a, s.b).dist);
        }
      }
    }
    return best <= CELL_M ? best : Infinity;
  }
}

export interface PlacedSite {
  townshipCode: string;
  geom: { coordinates: Position };
}

/**
 * Moves, in place, every site from index `firstGenerated` on whose point is farther than
 * SITE_ROAD_MAX_M from every road; returns how many moved.
 */
export function bringSitesToRoads(
  ctx: GenContext,
  sites: PlacedSite[],
  firstGenerated: number,
  roads: readonly RoadEdge[],
  lookup: PolygonLookup<string>,
): number {
  const rng = ctx.rng.fork('site-roads');
  const segments = roads.flatMap((e) => e.coords.slice(1).map((b, k) => ({ a: e.coords[k] as XY, b })));
  const grid = new SegmentGrid(segments);
  let moved = 0;
  for (let i = firstGenerated; i < sites.length; i++) {
    const site = sites[i] as PlacedSite;
    const p = ctx.proj.toXY(site.geom.coordinates);
    if (grid.nearWithin(p) <= SITE_ROAD_MAX_M) continue;
    const d = rng.uniform(...PULL_TO_M);
    const geom = pulled(ctx, p, segments, d, (g) => lookup.find(g) === site.townshipCode);
    if (!geom) throw new Error(`site ${i + 1}: no road near enough inside township ${site.townshipCode}`);
    site.geom.coordinates = geom;
    moved++;
  }
  return moved;
}

/** The point `d` m (else PULL_TO_M[0] m) from the nearest road, towards p, that `fits`; nearest roads first. */
function pulled(
  ctx: GenContext,
  p: XY,
  segments: Segment[],
  d: number,
  fits: (geom: Position) => boolean,
): Position | undefined {
  const feet = segments.map((s) => projectOnSegment(p, s.a, s.b)).filter((f) => f.dist > 0);
  // The nearest road almost always fits: sort the rest only when it does not.
  const nearest = feet.reduce((f, g) => (g.dist < f.dist ? g : f));
  for (const foot of [nearest, ...feet.sort((f, g) => f.dist - g.dist)]) {
    const ux = (p[0] - foot.point[0]) / foot.dist;
    const uy = (p[1] - foot.point[1]) / foot.dist;
    for (const back of [d, PULL_TO_M[0]]) {
      const geom = roundPosition(ctx.proj.toLonLat([foot.point[0] + back * ux, foot.point[1] + back * uy]));
      if (fits(geom)) return geom;
    }
  }
  return undefined;
}
