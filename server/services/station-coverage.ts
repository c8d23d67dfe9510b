/**
 * Station coverage (issue 4): which units respond, how fast each grid cell and each site is
 * reached over the road network, isochrones, gaps against each unit class's standard,
 * first/second due per site, straight-line rings as a labelled second estimate, and the
 * baseline-vs-activation comparison ("二中队投勤"). Every answer carries its assumptions.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { Db } from '../../db/client';
import {
  type CoverageSiteRow,
  type StationUnitRow,
  stationUnits,
  type UnitKind,
} from '../../db/queries/station-coverage';
import { dijkstra, type Reach } from '../analysis/dijkstra';
import { type IsochroneMode, isochrones, outlineCells } from '../analysis/isochrones';
import { type Placed, placeUnits } from '../analysis/place-units';
import { responseSurface, SURFACE_DEFAULTS, type Surface, unitSurfaces } from '../analysis/response-surface';
import { accessTimes } from '../analysis/road-access';
import { InvalidParameterError } from '../errors';
import { type CountyGrid, countyGrid, MAX_OFF_ROAD_M, type StationNetwork, stationNetwork } from './station-network';
import { unitsOfScenario } from './station-scenarios';

/** DOMAIN.md §2: stations reach the district edge within 5 min of the order; micro stations 3 min. */
export const STATION_STANDARD_S = 300;
export const MICRO_STANDARD_S = 180;
/** No national figure for township teams (乡镇专职队): configurable, default the station's 5 min (assumption). */
export const TEAM_STANDARD_DEFAULT_S = 300;
/** The rule the summary measures: the 5-minute station rule. */
export const FIVE_MINUTES_S = 300;
/** Sites are routed this far (s) so that even sites outside every threshold get a best ETA. */
export const SITE_CUTOFF_S = 3600;
/** Straight-line rings: DOMAIN.md §3 own check, 30 km/h (assumption, unconfirmed). */
export const RING_SPEED_KMH = 30;
/** From the unit's yard to the nearest road (place-units.ts default, DOMAIN.md §3 slowest class). */
const ACCESS_SPEED_KMH = 20;
const OFF_ROAD_SPEED_KMH = SURFACE_DEFAULTS.offRoadSpeedKmh;
/** Sites of risk level ≥ this are high-risk (the summary, the gap list, the comparison). */
export const HIGH_RISK = 3;

export type UnitSelection = { kind: 'in_service' } | { kind: 'all' } | { kind: 'ids'; ids: number[] };

export interface CoverageOptions {
  thresholdsS: number[];
  mode: IsochroneMode;
  units: UnitSelection;
  includeBuilt: boolean;
  cellM: number;
  teamStandardS: number;
  scenario?: number;
  /** Turnout overrides (unit id → seconds) of selected units; never with a scenario. */
  turnout?: ReadonlyMap<number, number>;
  /** Effective response force layer: personnel reachable within this many seconds per cell. */
  erfS?: number;
}

/** A unit as considered: a database unit, possibly changed, or a hypothetical one. */
export interface ConsideredUnit {
  id: number | string;
  code: string;
  name: string;
  kind: UnitKind;
  status: string;
  staff: number;
  turnoutS: number;
  lon: number;
  lat: number;
  hypothetical: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
export const finite = (x: number) => (Number.isFinite(x) ? round1(x) : null);

export function standardOf(kind: UnitKind, teamStandardS: number): number {
  return kind === 'station' ? STATION_STANDARD_S : kind === 'micro_station' ? MICRO_STANDARD_S : teamStandardS;
}

export function toConsidered(u: StationUnitRow): ConsideredUnit {
  return { ...u, hypothetical: false };
}

/** Picks the units asked for; an unknown id is a 400. */
export function selectUnits(all: StationUnitRow[], selection: UnitSelection, includeBuilt: boolean): ConsideredUnit[] {
  if (selection.kind === 'ids') {
    const byId = new Map(all.map((u) => [u.id, u]));
    const unknown = selection.ids.filter((id) => !byId.has(id));
    if (unknown.length > 0)
      throw new InvalidParameterError(`units: unknown unit id ${unknown.join(', ')}`, { unknown });
    return [...new Set(selection.ids)].map((id) => toConsidered(byId.get(id) as StationUnitRow));
  }
  const statuses = selection.kind === 'all' ? ['in_service', 'built', 'planned'] : ['in_service'];
  if (includeBuilt) statuses.push('built');
  return all.filter((u) => statuses.includes(u.status)).map(toConsidered);
}

/** Everything one set of units yields on the network: placement, reach, cell surface, site times. */
export interface Evaluation {
  units: ConsideredUnit[];
  placed: Placed;
  reach: Reach;
  surface: Surface;
  sites: Surface;
  cg: CountyGrid;
}

export function evaluate(network: StationNetwork, units: ConsideredUnit[], cellM: number): Evaluation {
  const cg = countyGrid(network, cellM);
  const placed = placeUnits(network.index, units, { maxOffRoadM: MAX_OFF_ROAD_M, accessSpeedKmh: ACCESS_SPEED_KMH });
  const reach = dijkstra(network.graph, placed.seeds, { cutoffS: SITE_CUTOFF_S, secondDue: true });
  const surface = responseSurface(cg.grid, reach, placed.placements, OFF_ROAD_SPEED_KMH);
  const sites = accessTimes(network.graph, network.siteAccess, reach, placed.placements, OFF_ROAD_SPEED_KMH);
  return { units, placed, reach, surface, sites, cg };
}

/** Node times of the units' multi-source Dijkstra (what the pgRouting oracle checks). */
export async function stationReach(db: Db, unitIds: number[], cutoffS: number) {
  const { network } = await stationNetwork(db);
  const units = selectUnits(await stationUnits(db), { kind: 'ids', ids: unitIds }, false);
  const placed = placeUnits(network.index, units, { maxOffRoadM: MAX_OFF_ROAD_M, accessSpeedKmh: ACCESS_SPEED_KMH });
  const reach = dijkstra(network.graph, placed.seeds, { cutoffS });
  const { graph } = network;
  const node = (v: number) => graph.projection.inverse(graph.nodeX[v] as number, graph.nodeY[v] as number);
  return {
    seeds: placed.seeds.map((s) => ({ lonLat: node(s.node), startS: s.startS, unitId: units[s.source]?.id })),
    placements: placed.placements.map((p) => ({
      unitId: units[p.source]?.id,
      roadId: graph.edgeId[p.edge] as number,
      distanceM: p.distanceM,
      startS: p.startS,
    })),
    offNetwork: placed.offNetwork.map((o) => units[o.source]?.id),
    nodes: Array.from({ length: graph.nodeCount }, (_, v) => ({ lonLat: node(v), timeS: reach.timeS[v] as number })),
  };
}

/** The cells picked (grid.cells indices k) and their outline, traced over their bounding window only. */
function pickCells(cg: CountyGrid, pick: (k: number) => boolean): { count: number; coordinates: Position[][][] } {
  const { grid } = cg;
  const picked: number[] = [];
  for (let k = 0; k < grid.cells.length; k++) if (pick(k)) picked.push(grid.cells[k] as number);
  return { count: picked.length, coordinates: roundPolygons(outlineCells(grid, picked)) };
}

/** Degrees to 1e-6 (~0.1 m, far below the 25 m smallest cell): a third of the JSON of full doubles. */
const deg = (x: number) => Math.round(x * 1e6) / 1e6;
const roundRing = (ring: Position[]): Position[] => ring.map((p) => [deg(p[0] as number), deg(p[1] as number)]);
function roundPolygons(polygons: Position[][][]): Position[][][] {
  return polygons.map((rings) => rings.map(roundRing));
}

const km2 = (cells: number, cellM: number) => round3((cells * cellM * cellM) / 1e6);

/**
 * Cells meeting some unit's own class standard, in one search: every unit starts
 * (maxStd − its standard) later, so "some unit u reaches the cell within std(u)" becomes
 * "the shifted time is ≤ maxStd" — all times from one unit shift by the same constant.
 */
function standardCovered(network: StationNetwork, ev: Evaluation, teamStandardS: number): Uint8Array {
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

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  // Nearest rank: the smallest value with at least q of the values at or below it.
  const v = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
  return Number.isFinite(v) ? round1(v) : null;
}

/** ETA statistics of the high-risk sites (risk ≥ 3); unreached = beyond SITE_CUTOFF_S or no road near. */
function highRiskStats(network: StationNetwork, ev: Evaluation) {
  const etas: number[] = [];
  let noRoadNear = 0;
  const { start } = network.siteAccess;
  network.sites.forEach((s, i) => {
    if (s.riskLevel < HIGH_RISK) return;
    etas.push(ev.sites.timeS[i] as number);
    if (start[i] === start[i + 1]) noRoadNear++;
  });
  etas.sort((a, b) => a - b);
  const reached = etas.filter(Number.isFinite);
  return {
    highRiskSites: etas.length,
    reachedWithinCutoff: reached.length,
    /** No road within maxOffRoadM: not reachable on this network, whatever the units. */
    noRoadNear,
    meanEtaS: reached.length > 0 ? round1(reached.reduce((a, b) => a + b, 0) / reached.length) : null,
    /** Over all high-risk sites; null when more than 10 % are not reached within the site cutoff. */
    p90EtaS: quantile(etas, 0.9),
    /** Over the reached ones only (the mean's population). */
    p90EtaReachedS: quantile(reached, 0.9),
    within5Min: etas.filter((t) => t <= FIVE_MINUTES_S).length,
  };
}

function areaWithin(network: StationNetwork, ev: Evaluation, cellM: number, thresholdS: number) {
  const n = network.townships.length;
  const inT = new Array<number>(n).fill(0);
  const allT = new Array<number>(n).fill(0);
  let within = 0;
  for (let k = 0; k < ev.cg.grid.cells.length; k++) {
    const t = ev.cg.township[k] as number;
    const ok = (ev.surface.timeS[k] as number) <= thresholdS;
    if (ok) within++;
    if (t >= 0) {
      allT[t] = (allT[t] as number) + 1;
      if (ok) inT[t] = (inT[t] as number) + 1;
    }
  }
  const total = ev.cg.grid.cells.length;
  return {
    thresholdS,
    km2: km2(within, cellM),
    countyKm2: km2(total, cellM),
    pct: round3((100 * within) / total),
    townships: network.townships.map((tw, t) => ({
      code: tw.code,
      name: tw.name,
      km2: km2(inT[t] as number, cellM),
      areaKm2: km2(allT[t] as number, cellM),
      pct: (allT[t] as number) > 0 ? round3((100 * (inT[t] as number)) / (allT[t] as number)) : 0,
    })),
  };
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

function unitRef(u: ConsideredUnit | undefined) {
  return u === undefined ? null : u.id;
}

function assumptions(network: StationNetwork, units: ConsideredUnit[], cellM: number, teamStandardS: number) {
  return {
    speedsKmh: network.speeds.map((s) => ({
      class: s.class,
      nameZh: s.nameZh,
      speedKmh: s.speedKmh,
      source: s.source,
    })),
    turnoutS: units.map((u) => ({ unitId: u.id, code: u.code, kind: u.kind, turnoutS: u.turnoutS })),
    standardsS: {
      station: STATION_STANDARD_S,
      micro_station: MICRO_STANDARD_S,
      township_team: teamStandardS,
      source:
        'DOMAIN.md §2: stations 5 min to the district edge from the turnout order, micro stations 3 min; township teams: configurable (team_standard), default 300 s (assumption)',
    },
    offRoadSpeedKmh: OFF_ROAD_SPEED_KMH,
    maxOffRoadM: MAX_OFF_ROAD_M,
    unitAccessSpeedKmh: ACCESS_SPEED_KMH,
    cellM,
    siteCutoffS: SITE_CUTOFF_S,
    ringSpeedKmh: RING_SPEED_KMH,
    note: 'Times = turnout + yard-to-road at the access speed + road network at class speeds + off-road leg at the off-road speed; cells and sites farther than maxOffRoadM from any road are not covered.',
  };
}

/** The units a coverage query considers: a saved scenario's, or the selection (400 on unknown ids). */
export async function unitsOfQuery(
  db: Db,
  o: Pick<CoverageOptions, 'units' | 'includeBuilt' | 'scenario' | 'turnout'>,
) {
  const fromScenario = o.scenario === undefined ? null : await unitsOfScenario(db, o.scenario);
  const selected = fromScenario ? fromScenario.units : selectUnits(await stationUnits(db), o.units, o.includeBuilt);
  return { fromScenario, units: withTurnouts(selected, o.turnout) };
}

/** The units with tried turnout times; an override for a unit not selected is a 400. */
export function withTurnouts(units: ConsideredUnit[], turnout: ReadonlyMap<number, number> | undefined) {
  if (!turnout || turnout.size === 0) return units;
  const ids = new Set(units.map((u) => u.id));
  const stray = [...turnout.keys()].filter((id) => !ids.has(id));
  if (stray.length > 0)
    throw new InvalidParameterError(`turnout: unit ${stray.join(', ')} is not among the units considered`, {
      stray,
    });
  return units.map((u) => {
    const t = typeof u.id === 'number' ? turnout.get(u.id) : undefined;
    return t === undefined ? u : { ...u, turnoutS: t };
  });
}

export async function stationCoverage(db: Db, o: CoverageOptions) {
  const t0 = performance.now();
  const { network, cached } = await stationNetwork(db);
  const tNet = performance.now();
  const { fromScenario, units } = await unitsOfQuery(db, o);
  const thresholds = [...new Set(o.thresholdsS)].sort((a, b) => a - b);
  const ev = evaluate(network, units, o.cellM);
  const tEval = performance.now();
  const { grid } = ev.cg;
  const unitIdOf = (source: number) => unitRef(units[source]);

  const iso =
    o.mode === 'overlap'
      ? isochrones(
          grid,
          {
            mode: 'overlap',
            surfaces: unitSurfaces(grid, ev.placed, thresholds.at(-1) as number, OFF_ROAD_SPEED_KMH).map(
              (surface, i) => ({
                source: ev.placed.placements[i]?.source as number,
                surface,
              }),
            ),
          },
          thresholds,
        )
      : isochrones(grid, { mode: o.mode, surface: ev.surface }, thresholds);
  const isoFeatures = iso.features.map((f) => ({
    ...f,
    geometry: { ...f.geometry, coordinates: roundPolygons(f.geometry.coordinates) },
    properties: { ...f.properties, unitId: f.properties.source === null ? null : unitIdOf(f.properties.source) },
  }));

  const surface = responseBands(ev, thresholds);

  // Gaps: cells no unit reaches within its own class standard.
  const tIso = performance.now();
  const covered = standardCovered(network, ev, o.teamStandardS);
  const gapCounty = pickCells(ev.cg, (k) => covered[k] === 0);
  const gapTownships = network.townships.map((tw, t) => {
    const g = pickCells(ev.cg, (k) => covered[k] === 0 && ev.cg.township[k] === t);
    return {
      type: 'Feature' as const,
      properties: { scope: 'township', code: tw.code, name: tw.name, cells: g.count, areaKm2: km2(g.count, o.cellM) },
      geometry: { type: 'MultiPolygon' as const, coordinates: g.coordinates },
    };
  });
  const gaps: FeatureCollection<MultiPolygon> = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {
          scope: 'county',
          code: network.county.code,
          name: network.county.name,
          cells: gapCounty.count,
          areaKm2: km2(gapCounty.count, o.cellM),
        },
        geometry: { type: 'MultiPolygon', coordinates: gapCounty.coordinates },
      },
      ...gapTownships,
    ],
  };

  const tGaps = performance.now();
  // Per site, compact columns (one entry per site, in site id order).
  const n = network.sites.length;
  const siteCols = {
    id: new Array<number>(n),
    firstUnitId: new Array<number | string | null>(n),
    firstEtaS: new Array<number | null>(n),
    secondUnitId: new Array<number | string | null>(n),
    secondEtaS: new Array<number | null>(n),
  };
  const second = ev.sites.secondTimeS as Float64Array;
  const secondSource = ev.sites.secondSource as Int32Array;
  network.sites.forEach((s, i) => {
    siteCols.id[i] = s.id;
    siteCols.firstUnitId[i] = unitIdOf(ev.sites.source[i] as number);
    siteCols.firstEtaS[i] = finite(ev.sites.timeS[i] as number);
    siteCols.secondUnitId[i] = unitIdOf(secondSource[i] as number);
    siteCols.secondEtaS[i] = finite(second[i] as number);
  });
  const townshipName = new Map(network.townships.map((t) => [t.code, t.name]));
  const highRiskOutside = network.sites.flatMap((s, i) => {
    const t = ev.sites.timeS[i] as number;
    if (s.riskLevel < HIGH_RISK || t <= FIVE_MINUTES_S) return [];
    return [
      {
        ...siteRef(s, townshipName),
        bestEtaS: finite(t),
        firstUnitId: unitIdOf(ev.sites.source[i] as number),
      },
    ];
  });
  highRiskOutside.sort((a, b) => (b.bestEtaS ?? Infinity) - (a.bestEtaS ?? Infinity) || a.siteId - b.siteId);

  const rings: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: units.flatMap((u) =>
      thresholds.map(
        (t): Feature<Polygon> => ({
          type: 'Feature',
          properties: {
            estimate: 'straight-line',
            unitId: u.id,
            thresholdS: t,
            speedKmh: RING_SPEED_KMH,
            radiusM: round1((RING_SPEED_KMH / 3.6) * Math.max(0, t - u.turnoutS)),
          },
          geometry: {
            type: 'Polygon',
            coordinates: [ring(network, u.lon, u.lat, (RING_SPEED_KMH / 3.6) * Math.max(0, t - u.turnoutS))],
          },
        }),
      ),
    ),
  };

  const erf = o.erfS === undefined ? null : effectiveResponseForce(ev, o.erfS);
  const standardCells = covered.reduce((a, b) => a + b, 0);
  const result = {
    units: units.map((u, i) => {
      const p = ev.placed.placements.find((q) => q.source === i);
      return {
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        status: u.status,
        standardS: standardOf(u.kind, o.teamStandardS),
        hypothetical: u.hypothetical,
        onNetwork: p !== undefined,
        snapDistanceM: p ? round1(p.distanceM) : null,
      };
    }),
    offNetwork: ev.placed.offNetwork.map((x) => ({
      unitId: unitIdOf(x.source),
      code: units[x.source]?.code,
      nearestRoadM: x.nearestRoadM === null ? null : round1(x.nearestRoadM),
      maxOffRoadM: MAX_OFF_ROAD_M,
    })),
    scenario: fromScenario?.scenario ?? null,
    thresholdsS: thresholds,
    mode: o.mode,
    isochrones: { type: 'FeatureCollection' as const, features: isoFeatures },
    surface,
    gaps,
    sites: siteCols,
    highRiskOutside,
    rings,
    erf,
    summary: {
      within5Min: areaWithin(network, ev, o.cellM, FIVE_MINUTES_S),
      standardMet: { km2: km2(standardCells, o.cellM), pct: round3((100 * standardCells) / grid.cells.length) },
      highRisk: highRiskStats(network, ev),
    },
    assumptions: assumptions(network, units, o.cellM, o.teamStandardS),
    timing: {
      graphCached: cached,
      graphBuildMs: cached ? 0 : round1(network.builtMs),
      networkMs: round1(tNet - t0),
      reachSurfaceSitesMs: round1(tEval - tNet),
      isochronesMs: round1(tIso - tEval),
      gapsMs: round1(tGaps - tIso),
      totalMs: round1(performance.now() - t0),
    },
  };
  return result;
}

/**
 * The response-time surface as bands of the best time over all units (the dissolve surface):
 * band i holds the cells with thresholds[i−1] < time ≤ thresholds[i] (from 0 for the first),
 * and a last band (toS null) every county cell beyond the largest threshold or not reached.
 * The bands do not overlap and together are the county grid, so a map can fill them side by side.
 */
function responseBands(ev: Evaluation, thresholds: number[]) {
  const time = ev.surface.timeS;
  const edges = [0, ...thresholds];
  const band = (fromS: number, toS: number | null, index: number) => {
    const g =
      toS === null
        ? pickCells(ev.cg, (k) => !((time[k] as number) <= fromS))
        : pickCells(ev.cg, (k) => (time[k] as number) <= toS && (index === 0 || !((time[k] as number) <= fromS)));
    return {
      type: 'Feature' as const,
      properties: { band: index, fromS, toS, cells: g.count, areaKm2: km2(g.count, ev.cg.grid.cellM) },
      geometry: { type: 'MultiPolygon' as const, coordinates: g.coordinates },
    };
  };
  return {
    type: 'FeatureCollection' as const,
    features: [
      ...thresholds.map((t, i) => band(edges[i] as number, t, i)),
      band(thresholds.at(-1) as number, null, thresholds.length),
    ],
  };
}

/**
 * After FireCARES' ERF: per cell, the staff of every unit that reaches it within `thresholdS`
 * on its own (as in overlap isochrones), as polygons of equal personnel.
 */
function effectiveResponseForce(ev: Evaluation, thresholdS: number) {
  const own = unitSurfaces(ev.cg.grid, ev.placed, thresholdS, OFF_ROAD_SPEED_KMH);
  const personnel = new Int32Array(ev.cg.grid.cells.length);
  own.forEach((surface, i) => {
    const staff = ev.units[ev.placed.placements[i]?.source as number]?.staff ?? 0;
    for (let k = 0; k < personnel.length; k++) {
      if ((surface.timeS[k] as number) <= thresholdS) personnel[k] = (personnel[k] as number) + staff;
    }
  });
  const levels = [...new Set(personnel)].filter((p) => p > 0).sort((a, b) => a - b);
  return {
    type: 'FeatureCollection' as const,
    thresholdS,
    features: levels.map((level) => {
      const g = pickCells(ev.cg, (k) => personnel[k] === level);
      return {
        type: 'Feature' as const,
        properties: { thresholdS, personnel: level, cells: g.count, areaKm2: km2(g.count, ev.cg.grid.cellM) },
        geometry: { type: 'MultiPolygon' as const, coordinates: g.coordinates },
      };
    }),
  };
}

export interface CompareOptions {
  /** Unit ids to put on duty, or 'built': every built unit (the "二中队投勤" button). */
  activate?: number[] | 'built';
  scenario?: number;
  cellM: number;
}

/** Baseline (units in service) against the baseline with units activated, or against a scenario. */
export async function compareStations(db: Db, o: CompareOptions) {
  const { network } = await stationNetwork(db);
  const all = await stationUnits(db);
  const baseUnits = selectUnits(all, { kind: 'in_service' }, false);
  if (o.scenario !== undefined) {
    const { scenario, units } = await unitsOfScenario(db, o.scenario);
    return compareEvaluations(network, baseUnits, units, o.cellM, { scenario });
  }
  const byId = new Map(all.map((u) => [u.id, u]));
  const ids = o.activate === 'built' ? all.filter((u) => u.status === 'built').map((u) => u.id) : (o.activate ?? []);
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0)
    throw new InvalidParameterError(`activate: unknown unit id ${unknown.join(', ')}`, { unknown });
  const added = ids.filter((id) => !baseUnits.some((u) => u.id === id));
  const afterUnits = [...baseUnits, ...added.map((id) => toConsidered(byId.get(id) as StationUnitRow))];
  return compareEvaluations(network, baseUnits, afterUnits, o.cellM, { activated: added });
}

/** How every site list of the coverage answers names a site. */
export interface SiteRef {
  siteId: number;
  code: string;
  name: string;
  category: string;
  riskLevel: number;
  townshipCode: string;
  townshipName: string | null;
}

export function siteRef(s: CoverageSiteRow, townshipName: ReadonlyMap<string, string>): SiteRef {
  return {
    siteId: s.id,
    code: s.code,
    name: s.name,
    category: s.category,
    riskLevel: s.riskLevel,
    townshipCode: s.townshipCode,
    townshipName: townshipName.get(s.townshipCode) ?? null,
  };
}

/** A high-risk site whose 5-minute coverage changes between baseline and change. */
export interface CoverageChangeRow extends SiteRef {
  oldEtaS: number | null;
  newEtaS: number | null;
  oldFirstUnitId: number | string | null;
  newFirstUnitId: number | string | null;
}

/** What the comparison changes: units activated, or a saved scenario (name and changes). */
export type CompareChange =
  | { activated: number[] }
  | { scenario: Awaited<ReturnType<typeof unitsOfScenario>>['scenario'] }
  | null;

export function compareEvaluations(
  network: StationNetwork,
  baseUnits: ConsideredUnit[],
  afterUnits: ConsideredUnit[],
  cellM: number,
  change: CompareChange,
) {
  const before = evaluate(network, baseUnits, cellM);
  const after = evaluate(network, afterUnits, cellM);
  const idB = (s: number) => unitRef(baseUnits[s]);
  const idA = (s: number) => unitRef(afterUnits[s]);
  const townshipName = new Map(network.townships.map((t) => [t.code, t.name]));
  const gaining: CoverageChangeRow[] = [];
  const losing: CoverageChangeRow[] = [];
  network.sites.forEach((s, i) => {
    if (s.riskLevel < HIGH_RISK) return;
    const tb = before.sites.timeS[i] as number;
    const ta = after.sites.timeS[i] as number;
    const inB = tb <= FIVE_MINUTES_S;
    const inA = ta <= FIVE_MINUTES_S;
    if (inB === inA) return;
    const row: CoverageChangeRow = {
      ...siteRef(s, townshipName),
      oldEtaS: finite(tb),
      newEtaS: finite(ta),
      oldFirstUnitId: idB(before.sites.source[i] as number),
      newFirstUnitId: idA(after.sites.source[i] as number),
    };
    (inA ? gaining : losing).push(row);
  });
  const newly = pickCells(
    after.cg,
    (k) =>
      (after.surface.timeS[k] as number) <= FIVE_MINUTES_S && !((before.surface.timeS[k] as number) <= FIVE_MINUTES_S),
  );
  const lost = pickCells(
    after.cg,
    (k) =>
      !((after.surface.timeS[k] as number) <= FIVE_MINUTES_S) && (before.surface.timeS[k] as number) <= FIVE_MINUTES_S,
  );
  const offNetwork = (ev: Evaluation, units: ConsideredUnit[]) =>
    ev.placed.offNetwork.map((x) => ({
      unitId: unitRef(units[x.source]),
      code: units[x.source]?.code,
      nearestRoadM: x.nearestRoadM === null ? null : round1(x.nearestRoadM),
    }));
  return {
    change,
    thresholdS: FIVE_MINUTES_S,
    before: {
      units: baseUnits.map((u) => u.id),
      offNetwork: offNetwork(before, baseUnits),
      within5Min: areaWithin(network, before, cellM, FIVE_MINUTES_S),
      highRisk: highRiskStats(network, before),
    },
    after: {
      units: afterUnits.map((u) => u.id),
      offNetwork: offNetwork(after, afterUnits),
      within5Min: areaWithin(network, after, cellM, FIVE_MINUTES_S),
      highRisk: highRiskStats(network, after),
    },
    highRiskGaining: gaining,
    highRiskLosing: losing,
    newlyCovered: {
      type: 'Feature' as const,
      properties: { cells: newly.count, areaKm2: km2(newly.count, cellM) },
      geometry: { type: 'MultiPolygon' as const, coordinates: newly.coordinates },
    },
    noLongerCovered: {
      type: 'Feature' as const,
      properties: { cells: lost.count, areaKm2: km2(lost.count, cellM) },
      geometry: { type: 'MultiPolygon' as const, coordinates: lost.coordinates },
    },
    sites: {
      id: network.sites.map((s) => s.id),
      oldEtaS: Array.from(before.sites.timeS, finite),
      newEtaS: Array.from(after.sites.timeS, finite),
    },
    assumptions: assumptions(network, afterUnits, cellM, TEAM_STANDARD_DEFAULT_S),
  };
}
