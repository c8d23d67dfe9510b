/**
 * The real OSM county-seat roads (SOURCES.md) in metres, cut where they leave the county: the
 * extract kept whole ways, and a few run past the county line.
 */

import { pointInMultiPolygon, type XY } from '../../server/geo/plane';
import { segmentCrossing } from '../../server/geo/segments';
import type { GenContext } from './context';
import { osmRoadClass, type RoadClass } from './road-classes';

export interface OsmLine {
  coords: XY[];
  highway: string;
  name: string | null;
  cls: RoadClass;
}

/** Cut ends stop this far inside the outline, so rounding to 1e-6° cannot push them out. */
const CUT_INSET_M = 0.5;

function clipToCounty(ctx: GenContext, coords: XY[]): XY[][] {
  // Insert points just either side of every crossing with the outline; then every segment is
  // wholly inside or outside, and the pieces are the runs of inside points.
  const points: XY[] = [];
  for (let i = 0; i < coords.length; i++) {
    const a = coords[i] as XY;
    points.push(a);
    const b = coords[i + 1];
    if (!b) break;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const ts: number[] = [];
    for (const ring of ctx.countyRings) {
      for (let k = 1; k < ring.length; k++) {
        const c = segmentCrossing(a, b, ring[k - 1] as XY, ring[k] as XY);
        if (c) ts.push(c.t);
      }
    }
    const d = CUT_INSET_M / Math.max(len, 1e-9);
    for (const t of ts.sort((p, q) => p - q)) {
      for (const s of [t - d, t + d]) {
        if (s > 0 && s < 1) points.push([a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1])]);
      }
    }
  }
  const pieces: XY[][] = [];
  let current: XY[] = [];
  for (const p of points) {
    if (pointInMultiPolygon(ctx.proj.toLonLat(p), ctx.county)) current.push(p);
    else {
      if (current.length >= 2) pieces.push(current);
      current = [];
    }
  }
  if (current.length >= 2) pieces.push(current);
  return pieces;
}

export function prepareOsmLines(ctx: GenContext): OsmLine[] {
  return ctx.real.roads.flatMap((road) =>
    clipToCounty(ctx, road.geom.coordinates.map(ctx.proj.toXY)).map((coords) => ({
      coords,
      highway: road.highway,
      name: road.name,
      cls: osmRoadClass(road.highway),
    })),
  );
}
