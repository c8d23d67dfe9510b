/**
 * One set of units evaluated on the routing network: placement on the roads, multi-source
 * Dijkstra, the cell surface and the site times — what every station coverage answer starts from.
 */
import type { Db } from '../../db/client';
import { stationUnits } from '../../db/queries/station-coverage';
import type { CountyGrid } from '../analysis/coverage-cells';
import { dijkstra, type Reach } from '../analysis/dijkstra';
import type { IsochroneMode } from '../analysis/isochrones';
import { type Placed, placeUnits } from '../analysis/place-units';
import { responseSurface, SURFACE_DEFAULTS, type Surface } from '../analysis/response-surface';
import { type AccessLists, accessTimes } from '../analysis/road-access';
import { wholeSeconds } from '../analysis/shown-seconds';
import { countyGrid, MAX_OFF_ROAD_M, type StationNetwork, siteAccessWithin, stationNetwork } from './station-network';
import { queryCounty, unitsOfScenario } from './station-scenarios';
import {
  type ConsideredUnit,
  type HypotheticalInput,
  hypotheticalUnits,
  selectUnits,
  type UnitSelection,
  withTurnouts,
} from './station-units';

/** Sites are routed this far (s) so that even sites outside every threshold get a best ETA. */
export const SITE_CUTOFF_S = 3600;
/** From the unit's yard to the nearest road: the slowest road class, urban local 20 km/h (assumption, docs/standards.md §3). */
export const ACCESS_SPEED_KMH = 20;
export const OFF_ROAD_SPEED_KMH = SURFACE_DEFAULTS.offRoadSpeedKmh;

/** The off-road leg: speed from the road to a cell or site, and the farthest a road may be (docs/standards.md §3). */
export interface OffRoad {
  speedKmh: number;
  maxM: number;
}
export const OFF_ROAD_DEFAULTS: OffRoad = { speedKmh: OFF_ROAD_SPEED_KMH, maxM: MAX_OFF_ROAD_M };

export interface CoverageOptions {
  /** The county (adcode) to run on; default the focus county; a scenario runs on its own county. */
  county?: string;
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
  /** The threshold every headline figure refers to (s; default the 5-minute standard). */
  thresholdS: number;
  offRoad: OffRoad;
  /** Hypothetical units tried live (ids h1 …), not saved; never with a scenario. */
  hypothetical?: HypotheticalInput[];
}

/** Everything one set of units yields on the network: placement, reach, cell surface, site times. */
export interface Evaluation {
  units: ConsideredUnit[];
  placed: Placed;
  reach: Reach;
  surface: Surface;
  /** Site times as computed (what the fire-call answer and the pgRouting oracle compare with). */
  sites: Surface;
  /** The same in whole seconds: the value every coverage list shows (m:ss) and every count compares. */
  shownSites: Surface;
  cg: CountyGrid;
  offRoad: OffRoad;
  siteAccess: AccessLists;
}

/**
 * One evaluation. The coverage answers use `shownSites`, the site ETAs rounded to whole seconds here,
 * once: the UI shows them as m:ss and every "within / over the threshold" decision uses the same
 * value (one rounding rule).
 */
export function evaluate(
  network: StationNetwork,
  units: ConsideredUnit[],
  cellM: number,
  offRoad: OffRoad = OFF_ROAD_DEFAULTS,
): Evaluation {
  // The network is rebuilt when its tables change (data-version.ts), so evaluations held with it
  // follow the data; the units (ids, positions, turnouts, hypotheticals) are part of the key.
  let held = evaluations.get(network);
  if (!held) {
    held = new Map();
    evaluations.set(network, held);
  }
  const key = JSON.stringify([units, cellM, offRoad]);
  const hit = held.get(key);
  if (hit) {
    held.delete(key); // most recently used last
    held.set(key, hit);
    return hit;
  }
  const ev = computeEvaluation(network, units, cellM, offRoad);
  held.set(key, ev);
  if (held.size > EVALUATIONS_HELD) held.delete(held.keys().next().value as string);
  return ev;
}

/**
 * Evaluations kept per network (a panel's baseline, its comparison, a few scenarios): paging,
 * sorting and exporting the per-site table, or a toggle on the map, reuse them. Read-only.
 */
const EVALUATIONS_HELD = 8;
const evaluations = new WeakMap<StationNetwork, Map<string, Evaluation>>();

function computeEvaluation(
  network: StationNetwork,
  units: ConsideredUnit[],
  cellM: number,
  offRoad: OffRoad,
): Evaluation {
  const cg = countyGrid(network, cellM, offRoad.maxM);
  const siteAccess = siteAccessWithin(network, offRoad.maxM);
  const placed = placeUnits(network.index, units, { maxOffRoadM: offRoad.maxM, accessSpeedKmh: ACCESS_SPEED_KMH });
  const reach = dijkstra(network.graph, placed.seeds, { cutoffS: SITE_CUTOFF_S, secondDue: true });
  const surface = responseSurface(cg.grid, reach, placed.placements, offRoad.speedKmh);
  const sites = accessTimes(network.graph, siteAccess, reach, placed.placements, offRoad.speedKmh);
  const shownSites: Surface = {
    ...sites,
    timeS: wholeSeconds(Float64Array.from(sites.timeS)),
    secondTimeS: sites.secondTimeS ? wholeSeconds(Float64Array.from(sites.secondTimeS)) : null,
  };
  return { units, placed, reach, surface, sites, shownSites, cg, offRoad, siteAccess };
}

/** Whether site i has no road within the evaluation's off-road limit (empty access list). */
export function siteOffRoad(ev: Pick<Evaluation, 'siteAccess'>): (i: number) => boolean {
  const { start } = ev.siteAccess;
  return (i) => start[i] === start[i + 1];
}

/**
 * The county a coverage query runs on and the units it considers: a saved scenario's (its own
 * county), or the county's selection (400 on unknown ids) and live hypotheticals.
 */
export async function unitsOfQuery(
  db: Db,
  o: Pick<CoverageOptions, 'county' | 'units' | 'includeBuilt' | 'scenario' | 'turnout' | 'hypothetical'>,
) {
  const county = await queryCounty(db, o);
  const fromScenario = o.scenario === undefined ? null : await unitsOfScenario(db, o.scenario);
  const selected = fromScenario
    ? fromScenario.units
    : selectUnits(await stationUnits(db, county), o.units, o.includeBuilt);
  return {
    county,
    fromScenario,
    units: [...withTurnouts(selected, o.turnout), ...hypotheticalUnits(o.hypothetical ?? [])],
  };
}

/** Node times of the units' multi-source Dijkstra (what the pgRouting oracle checks), on a county's network. */
export async function stationReach(db: Db, unitIds: number[], cutoffS: number, county?: string) {
  const { network } = await stationNetwork(db, county);
  const units = selectUnits(await stationUnits(db, network.county.code), { kind: 'ids', ids: unitIds }, false);
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
