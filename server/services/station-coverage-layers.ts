/**
 * The map layers of a station coverage answer built from one evaluation: isochrones, cells
 * outside every unit's own class standard (gaps), straight-line rings, and the per-site columns.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { cellsFeature, finite, round1, roundPolygons, roundRing } from '../analysis/coverage-cells';
import { FIVE_MINUTES_S, HIGH_RISK, RING_SPEED_KMH, standardOf } from '../analysis/coverage-standards';
import { dijkstra } from '../analysis/dijkstra';
import { type IsochroneMode, isochrones } from '../analysis/isochrones';
import { responseSurface, unitSurfaces } from '../analysis/response-surface';
import { type Evaluation, OFF_ROAD_SPEED_KMH } from './station-evaluation';
import type { StationNetwork } from './station-network';
import { siteRef, townshipNames } from './station-site-ref';
import { unitRef } from './station-units';

/** Isochrones of the evaluation in a mode, rounded, each naming its unit (overlap) or none. */
export function isochroneLayer(ev: Evaluation, mode: IsochroneMode, thresholds: number[]) {
  const { grid } = ev.cg;
  const iso =
    mode === 'overlap'
      ? isochrones(
          grid,
          {
            mode: 'overlap',
            surfaces: unitSurfaces(grid, ev.placed, thresholds.at(-1) as number, OFF_ROAD_SPEED_KMH).map(
              (surface, i) => ({ source: ev.placed.placements[i]?.source as number, surface }),
            ),
          },
          thresholds,
        )
      : isochrones(grid, { mode, surface: ev.surface }, thresholds);
  return {
    type: 'FeatureCollection' as const,
    features: iso.features.map((f) => ({
      ...f,
      geometry: { ...f.geometry, coordinates: roundPolygons(f.geometry.coordinates) },
      properties: {
        ...f.properties,
        unitId: f.properties.source === null ? null : unitRef(ev.units[f.properties.source]),
      },
    })),
  };
}

/**
 * Cells meeting some unit's own class standard, in one search: every unit starts
 * (maxStd − its standard) later, so "some unit u reaches the cell within std(u)" becomes
 * "the shifted time is ≤ maxStd" — all times from one unit shift by the same constant.
 */
export function standardCovered(network: StationNetwork, ev: Evaluation, teamStandardS: number): Uint8Array {
  const covered = new Uint8Array(ev.cg.grid.cells.length);
  if (ev.units.length === 0) return covered;
  const std = ev.units.map((u) => standardOf(u.kind, teamStandardS));
  const maxStd = Math.max(...std);
  const delay = (source: number) => maxStd - (std[source] as number);
  const seeds = ev.placed.seeds.map((s) => ({ ...s, startS: s.startS + delay(s.source) }));
  const placements = ev.placed.placements.map((p) => ({ ...p, startS: p.startS + delay(p.source) }));
  const reach = dijkstra(network.graph, seeds, { cutoffS: maxStd });
  const surface = responseSurface(ev.cg.grid, reach, placements, OFF_ROAD_SPEED_KMH);
  for (let k = 0; k < covered.length; k++) if ((surface.timeS[k] as number) <= maxStd) covered[k] = 1;
  return covered;
}

/** Gaps (cells no unit reaches within its own class standard): the county, then each township. */
export function gapLayer(
  network: StationNetwork,
  ev: Evaluation,
  covered: Uint8Array,
): FeatureCollection<MultiPolygon> {
  const gap = (k: number) => covered[k] === 0;
  const { county } = network;
  return {
    type: 'FeatureCollection',
    features: [
      cellsFeature(ev.cg, gap, { scope: 'county', code: county.code, name: county.name }),
      ...network.townships.map((tw, t) =>
        cellsFeature(ev.cg, (k) => gap(k) && ev.cg.township[k] === t, {
          scope: 'township',
          code: tw.code,
          name: tw.name,
        }),
      ),
    ],
  };
}

/** Per site, compact columns (one entry per site, in site id order). */
export function siteColumns(network: StationNetwork, ev: Evaluation) {
  const n = network.sites.length;
  const cols = {
    id: new Array<number>(n),
    firstUnitId: new Array<number | string | null>(n),
    firstEtaS: new Array<number | null>(n),
    secondUnitId: new Array<number | string | null>(n),
    secondEtaS: new Array<number | null>(n),
  };
  const second = ev.sites.secondTimeS as Float64Array;
  const secondSource = ev.sites.secondSource as Int32Array;
  network.sites.forEach((s, i) => {
    cols.id[i] = s.id;
    cols.firstUnitId[i] = unitRef(ev.units[ev.sites.source[i] as number]);
    cols.firstEtaS[i] = finite(ev.sites.timeS[i] as number);
    cols.secondUnitId[i] = unitRef(ev.units[secondSource[i] as number]);
    cols.secondEtaS[i] = finite(second[i] as number);
  });
  return cols;
}

/** High-risk sites not reached within 5 min, slowest first. */
export function highRiskOutside(network: StationNetwork, ev: Evaluation) {
  const names = townshipNames(network);
  const rows = network.sites.flatMap((s, i) => {
    const t = ev.sites.timeS[i] as number;
    if (s.riskLevel < HIGH_RISK || t <= FIVE_MINUTES_S) return [];
    return [
      { ...siteRef(s, names), bestEtaS: finite(t), firstUnitId: unitRef(ev.units[ev.sites.source[i] as number]) },
    ];
  });
  return rows.sort((a, b) => (b.bestEtaS ?? Infinity) - (a.bestEtaS ?? Infinity) || a.siteId - b.siteId);
}

function ring(network: StationNetwork, lon: number, lat: number, radiusM: number): Position[] {
  const p = network.graph.projection;
  const [cx, cy] = p.forward(lon, lat);
  const out: Position[] = [];
  for (let i = 0; i <= 64; i++) {
    const a = ((i % 64) / 64) * 2 * Math.PI;
    out.push(p.inverse(cx + radiusM * Math.cos(a), cy + radiusM * Math.sin(a)));
  }
  return roundRing(out);
}

/** Straight-line rings at RING_SPEED_KMH after each unit's turnout: a labelled second estimate. */
export function ringLayer(network: StationNetwork, ev: Evaluation, thresholds: number[]): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: ev.units.flatMap((u) =>
      thresholds.map((t): Feature<Polygon> => {
        const radiusM = (RING_SPEED_KMH / 3.6) * Math.max(0, t - u.turnoutS);
        return {
          type: 'Feature',
          properties: {
            estimate: 'straight-line',
            unitId: u.id,
            thresholdS: t,
            speedKmh: RING_SPEED_KMH,
            radiusM: round1(radiusM),
          },
          geometry: { type: 'Polygon', coordinates: [ring(network, u.lon, u.lat, radiusM)] },
        };
      }),
    ),
  };
}
