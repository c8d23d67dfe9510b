/**
 * SYNTHETIC hydrants (no public hydrant data). Municipal hydrants line the real county-seat
 * streets at 80–160 m, with the gaps a real network has (streets without any, stretches over the
 * 120 m spacing limit of GB 50974-2014 §7.2.5), a handful at each township seat, a few
 * water cranes and natural water points. Exactly 30 were installed in 2023 (docs/standards.md §6).
 */

import { distXY, PolygonLookup, roundPosition, type XY } from '../../server/geo/plane';
import type { GenContext } from './context';
import { dayOf, isoOf } from './dates';
import type { Rng } from './prng';
import { REPORT } from './report-figures';
import type { RoadNetwork } from './roads';
import type { GenTownship } from './townships';
import type { DemoCountyData } from './types';
import type { GenVillage } from './villages';

export type HydrantRow = DemoCountyData['hydrants'][number];
type Kind = HydrantRow['kind'];

/** Hydrants are laid in the built-up town: the OSM box plus this margin. */
const TOWN_MARGIN_M = 300;
const SPACING_M: [number, number] = [80, 160];
const GAP_CHANCE = 0.12;
const GAP_M: [number, number] = [60, 220];
/** Streets with no hydrant at all, by OSM class (minor streets are skipped more often). */
const SKIP_STREET: Record<string, number> = { trunk: 0.04, primary: 0.04, secondary: 0.04, tertiary: 0.12 };
const SKIP_MINOR_STREET = 0.45;
/**
 * Offset from the centreline. GB 50974 §7.2.6 puts hydrants 0.5–2.0 m from the kerb;
 * road widths are unknown, so we keep the kerb distance and drop the half-width.
 */
const OFFSET_M: [number, number] = [1, 2];
/** Closer than this to another hydrant (junctions, overlapping ways) is a duplicate. */
const MIN_GAP_M = 40;
/** Kept out of junctions, so each hydrant belongs to one street. */
const JUNCTION_CLEARANCE_M = 10;
const SEAT_RADIUS_M = 700;
const SEAT_HYDRANTS: [number, number] = [4, 9];
const WATER_CRANES = 2;
const NATURAL_SOURCES = 5;

interface Draft {
  xy: XY;
  kind: Kind;
  roadName: string | null;
  town: boolean;
  arterial: boolean;
}

/** Points every 80–160 m (with occasional gaps) along a polyline, offset to one side. */
function alongLine(coords: XY[], rng: Rng, keep: (p: XY) => boolean): XY[] {
  const out: XY[] = [];
  const side = rng.chance(0.5) ? 1 : -1;
  let next = rng.uniform(20, SPACING_M[0]);
  let walked = 0;
  for (let k = 1; k < coords.length; k++) {
    const a = coords[k - 1] as XY;
    const b = coords[k] as XY;
    const len = distXY(a, b);
    while (next <= walked + len) {
      const t = (next - walked) / len;
      const off = side * rng.uniform(...OFFSET_M);
      const p: XY = [
        a[0] + t * (b[0] - a[0]) - (off * (b[1] - a[1])) / len,
        a[1] + t * (b[1] - a[1]) + (off * (b[0] - a[0])) / len,
      ];
      if (keep(p)) out.push(p);
      next += rng.uniform(...SPACING_M) + (rng.chance(GAP_CHANCE) ? rng.uniform(...GAP_M) : 0);
    }
    walked += len;
  }
  return out;
}

function placeDrafts(ctx: GenContext, townships: GenTownship[], villages: GenVillage[], net: RoadNetwork, rng: Rng) {
  const drafts: Draft[] = [];
  const junctions = net.nodes;
  const clear = (p: XY) =>
    drafts.every((d) => distXY(d.xy, p) >= MIN_GAP_M) && junctions.every((n) => distXY(n, p) >= JUNCTION_CLEARANCE_M);
  for (const line of net.osm) {
    if (rng.chance(SKIP_STREET[line.highway.replace(/_link$/, '')] ?? SKIP_MINOR_STREET)) continue;
    for (const xy of alongLine(line.coords, rng, (p) => ctx.inOsmBox(p, TOWN_MARGIN_M))) {
      const arterial = line.cls === 'urban_arterial';
      if (clear(xy)) drafts.push({ xy, kind: 'municipal', roadName: line.name, town: true, arterial });
    }
  }
  // 消防水鹤 on arterials: big-flow points for refilling tankers.
  for (const d of rng.shuffle(drafts.filter((d) => d.arterial)).slice(0, WATER_CRANES)) d.kind = 'water_crane';

  const seatCode = ctx.real.seatTownshipCode;
  for (const t of townships) {
    if (t.code === seatCode) continue;
    const seatDrafts: Draft[] = [];
    for (const e of net.edges) {
      if (!e.coords.some((p) => distXY(p, t.seatXY) <= SEAT_RADIUS_M)) continue;
      for (const xy of alongLine(e.coords, rng, (p) => distXY(p, t.seatXY) <= SEAT_RADIUS_M)) {
        if (clear(xy) && seatDrafts.every((d) => distXY(d.xy, xy) >= MIN_GAP_M)) {
          seatDrafts.push({ xy, kind: 'municipal', roadName: e.name, town: false, arterial: false });
        }
      }
    }
    drafts.push(...rng.shuffle(seatDrafts).slice(0, rng.int(...SEAT_HYDRANTS)));
  }

  // Ponds and channels used as 天然水源 near villages.
  for (const v of rng.shuffle([...villages]).slice(0, NATURAL_SOURCES)) {
    const a = rng.uniform(0, 2 * Math.PI);
    const r = rng.uniform(120, 250);
    const xy: XY = [v.xy[0] + r * Math.cos(a), v.xy[1] + r * Math.sin(a)];
    drafts.push({ xy, kind: 'natural', roadName: null, town: false, arterial: false });
  }
  return drafts;
}

function round(value: number, decimals: number): number {
  const k = 10 ** decimals;
  return Math.round(value * k) / k;
}

export function generateHydrants(
  ctx: GenContext,
  townships: GenTownship[],
  villages: GenVillage[],
  net: RoadNetwork,
): HydrantRow[] {
  const rng = ctx.rng.fork('hydrants');
  const lookup = new PolygonLookup(townships.map((t) => ({ key: t.code, geom: t.geom })));
  const located = placeDrafts(ctx, townships, villages, net, rng).flatMap((d) => {
    const geom = roundPosition(ctx.proj.toLonLat(d.xy));
    const code = lookup.find(geom);
    return code ? [{ ...d, geom, code }] : [];
  });

  // Exactly the report's 30 new municipal hydrants, all in town, installed Feb–Jul 2023.
  const newOnes = new Set(
    rng
      .shuffle(located.map((d, i) => ({ d, i })).filter(({ d }) => d.town && d.kind === 'municipal'))
      .slice(0, REPORT.newHydrants)
      .map(({ i }) => i),
  );
  const earliest = dayOf('2005-01-01');
  const lastBefore2023 = dayOf('2022-12-31');
  const year2023 = dayOf('2023-01-01');

  return located.map((d, i): HydrantRow => {
    const isNew = newOnes.has(i);
    const roll = rng.next();
    const status: HydrantRow['status'] = isNew
      ? 'ok'
      : roll < 0.015
        ? 'planned'
        : roll < 0.065
          ? 'faulty'
          : roll < 0.085
            ? 'out_of_service'
            : 'ok';
    // Natural water points have no installation date; planned ones neither date.
    const installed = isNew
      ? rng.int(dayOf('2023-02-01'), dayOf('2023-07-20'))
      : status === 'planned' || d.kind === 'natural'
        ? undefined
        : rng.int(earliest, lastBefore2023);
    const since = installed ?? earliest;
    const inspected =
      status === 'planned'
        ? undefined
        : isNew || rng.chance(0.85)
          ? rng.int(Math.max(since, year2023), REPORT.asOf)
          : rng.int(Math.max(since, dayOf('2022-01-01')), lastBefore2023);
    // Flow and pressure: GB 50974 §7.2.8 asks ≥ 15 L/s and ≥ 0.10 MPa residual, 0.14 MPa in the main.
    const working = status === 'ok' || status === 'faulty';
    const measured = working && d.kind !== 'natural';
    const flow =
      status === 'faulty' ? rng.uniform(10, 14) : d.kind === 'water_crane' ? rng.uniform(25, 30) : rng.uniform(15, 30);
    const pressure = status === 'faulty' ? rng.uniform(0.1, 0.13) : rng.uniform(0.14, 0.4);
    return {
      adcode: ctx.real.adcode,
      townshipCode: d.code,
      code: `HY-${String(i + 1).padStart(4, '0')}`,
      kind: d.kind,
      status,
      flowLps: measured ? round(flow, 1) : null,
      pressureMpa: measured ? round(pressure, 2) : null,
      installedOn: installed === undefined ? null : isoOf(installed),
      lastInspectedOn: inspected === undefined ? null : isoOf(inspected),
      roadName: d.roadName,
      synthetic: true,
      geom: { type: 'Point', coordinates: d.geom },
    };
  });
}
