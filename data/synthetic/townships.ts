/**
 * SYNTHETIC township areas. No public township boundaries or seat coordinates exist for the
 * county (SOURCES.md), so: the county-seat township's seat is the real county-government point;
 * the other seats come from a seeded, relaxed (Lloyd) placement over the county; the areas are
 * their Voronoi cells clipped to the real county outline, so they tile it exactly. Larger cells
 * go to townships with more villages (NBS counts), which keeps village density plausible.
 */
import * as turf from '@turf/turf';
import { Delaunay } from 'd3-delaunay';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { distXY, roundPosition, type XY } from '../../server/geo/plane';
import type { RealTownship } from '../wuyang/load';
import type { GenContext } from './context';
import type { Rng } from './prng';

export interface GenTownship {
  code: string;
  name: string;
  kind: '镇' | '乡';
  villageCount: number;
  seat: Position;
  seatXY: XY;
  geom: MultiPolygon;
  areaKm2: number;
}

/** Plausible township sizes: the county's 14 units average ≈ 55 km². */
const MIN_AREA_KM2 = 30;
const MAX_AREA_KM2 = 90;
const SAMPLE_STEP_M = 400;
const LLOYD_ITERATIONS = 8;
/** Seats are towns, not cell centroids: jitter them off the relaxed positions. */
const SEAT_JITTER_M = 900;
/**
 * Other seats stay this far from the county seat, so the county-seat township's cell holds the
 * whole town (the OSM extract reaches ≈ 3 km from the centre, SOURCES.md).
 */
const SEAT_TOWN_CLEARANCE_M = 7000;

function countySamples(ctx: GenContext): XY[] {
  const [lon0, lat0, lon1, lat1] = turf.bbox(ctx.county);
  const [x0, y0] = ctx.proj.toXY([lon0, lat0]);
  const [x1, y1] = ctx.proj.toXY([lon1, lat1]);
  const samples: XY[] = [];
  for (let y = y0 + SAMPLE_STEP_M / 2; y < y1; y += SAMPLE_STEP_M) {
    for (let x = x0 + SAMPLE_STEP_M / 2; x < x1; x += SAMPLE_STEP_M) {
      if (ctx.inCounty(ctx.proj.toLonLat([x, y]))) samples.push([x, y]);
    }
  }
  return samples;
}

function nearest(p: XY, centres: XY[]): number {
  let best = 0;
  let bestD = Infinity;
  centres.forEach((c, i) => {
    const d = (c[0] - p[0]) ** 2 + (c[1] - p[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Centre 0 is fixed (the county seat); the rest start spread out and relax towards their cells. */
function relaxedSeats(samples: XY[], fixed: XY, count: number, rng: Rng): XY[] {
  const centres: XY[] = [fixed];
  const minStart = 5000;
  const clear = (p: XY): XY => {
    const d = distXY(p, fixed);
    if (d >= SEAT_TOWN_CLEARANCE_M) return p;
    const k = SEAT_TOWN_CLEARANCE_M / Math.max(d, 1);
    return samples[nearest([fixed[0] + (p[0] - fixed[0]) * k, fixed[1] + (p[1] - fixed[1]) * k], samples)] as XY;
  };
  while (centres.length < count) {
    const candidate = rng.pick(samples);
    if (centres.every((c) => distXY(c, candidate) > minStart) && distXY(candidate, fixed) > SEAT_TOWN_CLEARANCE_M)
      centres.push(candidate);
  }
  for (let iter = 0; iter < LLOYD_ITERATIONS; iter++) {
    const sums = centres.map(() => [0, 0, 0]);
    for (const s of samples) {
      const acc = sums[nearest(s, centres)] as number[];
      acc[0] = (acc[0] ?? 0) + s[0];
      acc[1] = (acc[1] ?? 0) + s[1];
      acc[2] = (acc[2] ?? 0) + 1;
    }
    for (let i = 1; i < centres.length; i++) {
      const [sx, sy, n] = sums[i] as [number, number, number];
      if (n > 0) centres[i] = clear(samples[nearest([sx / n, sy / n], samples)] as XY);
    }
  }
  return centres.map((c, i) => {
    if (i === 0) return c;
    const jittered: XY = [c[0] + rng.uniform(-1, 1) * SEAT_JITTER_M, c[1] + rng.uniform(-1, 1) * SEAT_JITTER_M];
    return clear(samples[nearest(jittered, samples)] as XY);
  });
}

function toMultiPolygon(geom: Polygon | MultiPolygon): MultiPolygon {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((rings) =>
      rings.map((ring) =>
        ring.map(roundPosition).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]?.[0] || p[1] !== all[i - 1]?.[1]),
      ),
    ),
  };
}

function clippedCells(ctx: GenContext, seats: XY[]): MultiPolygon[] {
  const [lon0, lat0, lon1, lat1] = turf.bbox(ctx.county);
  const [x0, y0] = ctx.proj.toXY([lon0, lat0]);
  const [x1, y1] = ctx.proj.toXY([lon1, lat1]);
  const voronoi = Delaunay.from(seats).voronoi([x0 - 2000, y0 - 2000, x1 + 2000, y1 + 2000]);
  const county = turf.feature<Polygon | MultiPolygon>(ctx.county);
  return seats.map((_, i) => {
    const ring = voronoi.cellPolygon(i).map((xy) => ctx.proj.toLonLat([xy[0], xy[1]]));
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([turf.polygon([ring]), county]));
    if (!clipped) throw new Error(`township cell ${i} does not meet the county`);
    return toMultiPolygon(clipped.geometry);
  });
}

/** Larger cells to townships with more villages; the county-seat township keeps the seat's cell. */
function matchNames(real: RealTownship[], seatCode: string, areas: number[]): RealTownship[] {
  const seatTownship = real.find((t) => t.code === seatCode) as RealTownship;
  const others = real
    .filter((t) => t.code !== seatCode)
    .sort((a, b) => b.villageCount - a.villageCount || a.code.localeCompare(b.code));
  const cellOrder = areas
    .map((a, i) => ({ a, i }))
    .slice(1)
    .sort((p, q) => q.a - p.a || p.i - q.i);
  const byCell: RealTownship[] = [seatTownship];
  cellOrder.forEach(({ i }, rank) => {
    byCell[i] = others[rank] as RealTownship;
  });
  return byCell;
}

export function generateTownships(ctx: GenContext): GenTownship[] {
  const rng = ctx.rng.fork('townships');
  const samples = countySamples(ctx);
  const seatXY = ctx.proj.toXY(ctx.real.seat);
  const n = ctx.real.townships.length;
  for (let attempt = 0; attempt < 50; attempt++) {
    const seats = relaxedSeats(samples, seatXY, n, rng);
    // Cheap check on the sample grid first (each sample stands for SAMPLE_STEP_M² of county);
    // clipping with turf is the slow part.
    const counts = seats.map(() => 0);
    for (const s of samples) {
      const i = nearest(s, seats);
      counts[i] = (counts[i] ?? 0) + 1;
    }
    const estimate = counts.map((c) => (c * SAMPLE_STEP_M ** 2) / 1e6);
    if (estimate.some((a) => a < MIN_AREA_KM2 + 1 || a > MAX_AREA_KM2 - 1)) continue;
    const cells = clippedCells(ctx, seats);
    const areas = cells.map((g) => turf.area(g) / 1e6);
    if (areas.some((a) => a < MIN_AREA_KM2 || a > MAX_AREA_KM2)) continue;
    const names = matchNames(ctx.real.townships, ctx.real.seatTownshipCode, areas);
    const rows = seats.map((xy, i): GenTownship => {
      const t = names[i] as RealTownship;
      const seat = i === 0 ? ctx.real.seat : roundPosition(ctx.proj.toLonLat(xy));
      return { ...t, seat, seatXY: ctx.proj.toXY(seat), geom: cells[i] as MultiPolygon, areaKm2: areas[i] as number };
    });
    return rows.sort((a, b) => a.code.localeCompare(b.code));
  }
  throw new Error(`no township layout with every area in ${MIN_AREA_KM2}–${MAX_AREA_KM2} km² after 50 attempts`);
}
