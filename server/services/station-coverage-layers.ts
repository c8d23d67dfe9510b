/**
 * The map layers of a station coverage answer built from one evaluation: isochrones, cells
 * outside every unit's own class standard (gaps), straight-line rings, and the per-site columns.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { cellsFeature, finite, round1, roundPolygons, roundRing } from '../analysis/coverage-cells';
import { gridDecimals } from '../analysis/coverage-outlines';
import { HIGH_RISK, RING_SPEED_KMH, standardOf } from '../analysis/coverage-standards';
import { dijkstra } from '../analysis/dijkstra';
import { type IsochroneMode, type IsochroneProperties, isochrones } from '../analysis/isochrones';
import { responseSurface, unitSurfaces } from '../analysis/response-surface';
import { accessTimes } from '../analysis/road-access';
import { wholeSeconds } from '../analysis/shown-seconds';
import type { Evaluation } from './station-evaluation';
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
            surfaces: unitSurfaces(grid, ev.placed, thresholds.at(-1) as number, ev.offRoad.speedKmh).map(
              (surface, i) => ({ source: ev.placed.placements[i]?.source as number, surface }),
            ),
          },
          thresholds,
        )
      : isochrones(grid, { mode, surface: ev.surface }, thresholds);
  return namedIsochrones(
    ev,
    iso.features.map((f) => ({
      ...f,
      geometry: { ...f.geometry, coordinates: roundPolygons(f.geometry.coordinates) },
    })),
  );
}

/** Isochrone features, each naming its unit (overlap, split) or none (dissolve). */
export function namedIsochrones(
  ev: Evaluation,
  features: readonly { type: 'Feature'; properties: IsochroneProperties; geometry: MultiPolygon }[],
) {
  return {
    type: 'FeatureCollection' as const,
    features: features.map((f) => ({
      ...f,
      properties: {
        ...f.properties,
        unitId: f.properties.source === null ? null : unitRef(ev.units[f.properties.source]),
      },
    })),
  };
}

/**
 * Cells and sites meeting some unit's own class standard, in one search: every unit starts
 * (maxStd − its standard) later, so "some unit u reaches it within std(u)" becomes "the shifted
 * time is ≤ maxStd" — all times from one unit shift by the same constant (whole seconds, so a
 * site's shifted ETA rounds as its own does).
 */
export function standardCovered(network: StationNetwork, ev: Evaluation, teamStandardS: number) {
  const cells = new Uint8Array(ev.cg.grid.cells.length);
  const sites = new Uint8Array(network.sites.length);
  if (ev.units.length === 0) return { cells, sites };
  const std = ev.units.map((u) => standardOf(u.kind, teamStandardS));
  const maxStd = Math.max(...std);
  const delay = (source: number) => maxStd - (std[source] as number);
  const seeds = ev.placed.seeds.map((s) => ({ ...s, startS: s.startS + delay(s.source) }));
  const placements = ev.placed.placements.map((p) => ({ ...p, startS: p.startS + delay(p.source) }));
  const reach = dijkstra(network.graph, seeds, { cutoffS: maxStd });
  const surface = responseSurface(ev.cg.grid, reach, placements, ev.offRoad.speedKmh);
  for (let k = 0; k < cells.length; k++) if ((surface.timeS[k] as number) <= maxStd) cells[k] = 1;
  const siteTimes = accessTimes(network.graph, ev.siteAccess, reach, placements, ev.offRoad.speedKmh).timeS;
  wholeSeconds(siteTimes);
  for (let i = 0; i < sites.length; i++) if ((siteTimes[i] as number) <= maxStd) sites[i] = 1;
  return { cells, sites };
}

/**
 * Per class of unit (station, township team, micro station): the sites its units reach within the
 * class's own standard, the other classes left out — the headline "sites within the standard, by class".
 */
export function standardByKind(network: StationNetwork, ev: Evaluation, teamStandardS: number) {
  const kinds = [...new Set(ev.units.map((u) => u.kind))].sort();
  return kinds.map((kind) => {
    const standardS = standardOf(kind, teamStandardS);
    const own = (source: number) => ev.units[source]?.kind === kind;
    const reach = dijkstra(
      network.graph,
      ev.placed.seeds.filter((s) => own(s.source)),
      { cutoffS: standardS },
    );
    const placements = ev.placed.placements.filter((p) => own(p.source));
    const t = wholeSeconds(accessTimes(network.graph, ev.siteAccess, reach, placements, ev.offRoad.speedKmh).timeS);
    let sitesWithin = 0;
    let highRiskWithin = 0;
    network.sites.forEach((s, i) => {
      if ((t[i] as number) > standardS) return;
      sitesWithin++;
      if (s.riskLevel >= HIGH_RISK) highRiskWithin++;
    });
    return { kind, standardS, units: ev.units.filter((u) => u.kind === kind).length, sitesWithin, highRiskWithin };
  });
}

/** Gaps (cells no unit reaches within its own class standard): the county, then each township. */
export function gapLayer(
  network: StationNetwork,
  ev: Evaluation,
  covered: Uint8Array,
  noRoad: (k: number) => boolean,
): FeatureCollection<MultiPolygon> {
  // Land with no road access is its own class, never a gap.
  const gap = (k: number) => covered[k] === 0 && !noRoad(k);
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
  const second = ev.shownSites.secondTimeS as Float64Array;
  const secondSource = ev.shownSites.secondSource as Int32Array;
  network.sites.forEach((s, i) => {
    cols.id[i] = s.id;
    cols.firstUnitId[i] = unitRef(ev.units[ev.shownSites.source[i] as number]);
    cols.firstEtaS[i] = finite(ev.shownSites.timeS[i] as number);
    cols.secondUnitId[i] = unitRef(ev.units[secondSource[i] as number]);
    cols.secondEtaS[i] = finite(second[i] as number);
  });
  return cols;
}

/** High-risk sites not reached within the threshold, slowest first. */
export function highRiskOutside(network: StationNetwork, ev: Evaluation, thresholdS: number) {
  const names = townshipNames(network);
  const rows = network.sites.flatMap((s, i) => {
    const t = ev.shownSites.timeS[i] as number;
    if (s.riskLevel < HIGH_RISK || t <= thresholdS) return [];
    return [
      { ...siteRef(s, names), bestEtaS: finite(t), firstUnitId: unitRef(ev.units[ev.shownSites.source[i] as number]) },
    ];
  });
  return rows.sort((a, b) => (b.bestEtaS ?? Infinity) - (a.bestEtaS ?? Infinity) || a.siteId - b.siteId);
}

function ring(network: StationNetwork, lon: number, lat: number, radiusM: number, decimals: number): Position[] {
  const p = network.graph.projection;
  const [cx, cy] = p.forward(lon, lat);
  const out: Position[] = [];
  for (let i = 0; i <= 64; i++) {
    const a = ((i % 64) / 64) * 2 * Math.PI;
    out.push(p.inverse(cx + radiusM * Math.cos(a), cy + radiusM * Math.sin(a)));
  }
  return roundRing(out, decimals);
}

/** Straight-line rings at RING_SPEED_KMH after each unit's turnout: a labelled second estimate. */
export function ringLayer(network: StationNetwork, ev: Evaluation, thresholds: number[]): FeatureCollection<Polygon> {
  // Quantised as the cell outlines are (≈ 1 m at 100 m cells): a ring is a labelled estimate, not a survey.
  const decimals = gridDecimals(ev.cg.grid.cellM);
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
          geometry: { type: 'Polygon', coordinates: [ring(network, u.lon, u.lat, radiusM, decimals)] },
        };
      }),
    ),
  };
}
