/**
 * The routing network of one county held in the server (issue 12 §5: one per county, its own
 * roads, sites, boundary and townships): roads → graph (once), segment index, and per cell
 * size the county grid with its road access lists, each cell's township, and the sites'
 * access lists. Rebuilt only when the tables it is built from change (roads, road classes,
 * sites, the county and its townships — by any writer, server/services/data-version.ts), never
 * per request.
 */
import type { Db } from '../../db/client';
import { type RoadClassSpeed, roadClassSpeeds, roadRows } from '../../db/queries/roads-graph';
import {
  type AreaRow,
  type CoverageSiteRow,
  countyArea,
  countyTownships,
  coverageSites,
} from '../../db/queries/station-coverage';
import type { CountyGrid } from '../analysis/coverage-cells';
import type { RoadGraph } from '../analysis/csr-graph';
import { polygonGrid } from '../analysis/polygon-grid';
import { SURFACE_DEFAULTS, surfaceGrid } from '../analysis/response-surface';
import { type AccessLists, accessLists } from '../analysis/road-access';
import { buildRoadGraph, type RoadFeature } from '../analysis/road-graph';
import { type SegmentIndex, segmentIndex } from '../analysis/snap';
import { countyOf } from './county';
import { versionedCache } from './data-version';

/** The default off-road limit (m): cells and sites farther from every road have no road access (docs/standards.md §3). */
export const MAX_OFF_ROAD_M = SURFACE_DEFAULTS.maxOffRoadM;
/** County grids (cell size × off-road limit) and site access lists kept per network: the most recently used. */
const KEPT_GRIDS = 4;

export interface StationNetwork {
  builtMs: number;
  speeds: RoadClassSpeed[];
  graph: RoadGraph;
  index: SegmentIndex;
  county: AreaRow;
  townships: AreaRow[];
  sites: CoverageSiteRow[];
  /** The sites' road access at the default off-road limit (other limits: `siteAccessWithin`). */
  siteAccess: AccessLists;
  grids: Map<string, CountyGrid>;
  siteAccessByRadius: Map<number, AccessLists>;
}

const networks = versionedCache(['roads', 'road_classes', 'sites', 'counties', 'townships'], (db: Db, adcode: string) =>
  buildNetwork(db, adcode),
);

/**
 * The network of a county (adcode; default the focus county, 404 for an unknown one) for the
 * current data, built once per county and change of its tables; `cached` says which.
 */
export async function stationNetwork(db: Db, county?: string): Promise<{ network: StationNetwork; cached: boolean }> {
  const { value, cached } = await networks.get(db, await countyOf(db, county));
  return { network: value, cached };
}

/** Forgets the cached graph of a database (tests measure a cold answer with it). */
export function dropStationNetwork(db: Db): void {
  networks.drop(db);
}

async function buildNetwork(db: Db, adcode: string): Promise<StationNetwork> {
  const t0 = performance.now();
  const [speeds, roads, county, sites] = await Promise.all([
    roadClassSpeeds(db),
    roadRows(db, adcode),
    countyArea(db, adcode),
    coverageSites(db, adcode),
  ]);
  const townships = await countyTownships(db, county.code);
  const speedsKmh = Object.fromEntries(speeds.map((s) => [s.class, s.speedKmh]));
  const features: RoadFeature[] = roads.map((r) => ({
    type: 'Feature',
    id: r.id,
    properties: { class: r.class, oneway: r.oneway },
    geometry: r.geom,
  }));
  const graph = buildRoadGraph(features, { speedsKmh });
  const index = segmentIndex(graph);
  const xs = new Float64Array(sites.length);
  const ys = new Float64Array(sites.length);
  sites.forEach((s, i) => {
    [xs[i], ys[i]] = graph.projection.forward(s.lon, s.lat);
  });
  const siteAccess = accessLists(index, xs, ys, MAX_OFF_ROAD_M);
  return {
    builtMs: performance.now() - t0,
    speeds,
    graph,
    index,
    county,
    townships,
    sites,
    siteAccess,
    grids: new Map(),
    siteAccessByRadius: new Map([[MAX_OFF_ROAD_M, siteAccess]]),
  };
}

/** Keeps at most KEPT_GRIDS entries, the least recently used going first (a Map keeps insertion order). */
function keep<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > KEPT_GRIDS) map.delete(map.keys().next().value as K);
  return value;
}

/** The sites' road access lists within an off-road limit, built on first use and kept with the network. */
export function siteAccessWithin(network: StationNetwork, maxOffRoadM: number = MAX_OFF_ROAD_M): AccessLists {
  const held = network.siteAccessByRadius.get(maxOffRoadM);
  if (held) return keep(network.siteAccessByRadius, maxOffRoadM, held);
  const { graph, index, sites } = network;
  const xs = new Float64Array(sites.length);
  const ys = new Float64Array(sites.length);
  sites.forEach((s, i) => {
    [xs[i], ys[i]] = graph.projection.forward(s.lon, s.lat);
  });
  return keep(network.siteAccessByRadius, maxOffRoadM, accessLists(index, xs, ys, maxOffRoadM));
}

/** The county grid of one cell size and off-road limit, built on first use and kept with the network. */
export function countyGrid(network: StationNetwork, cellM: number, maxOffRoadM: number = MAX_OFF_ROAD_M): CountyGrid {
  const key = `${cellM}:${maxOffRoadM}`;
  const held = network.grids.get(key);
  if (held) return keep(network.grids, key, held);
  const grid = surfaceGrid(network.index, network.county.geom, { cellM, maxOffRoadM });
  const slot = new Int32Array(grid.cols * grid.rows).fill(-1);
  grid.cells.forEach((c, k) => {
    slot[c] = k;
  });
  const township = new Int32Array(grid.cells.length).fill(-1);
  network.townships.forEach((t, ti) => {
    // Both grids are aligned on multiples of cellM in the same projection: cells coincide.
    const own = polygonGrid(t.geom, network.graph.projection, cellM);
    const dc = Math.round((own.x0 - grid.x0) / cellM);
    const dr = Math.round((own.y0 - grid.y0) / cellM);
    for (const c of own.cells) {
      const row = Math.floor(c / own.cols) + dr;
      const col = (c % own.cols) + dc;
      if (row < 0 || row >= grid.rows || col < 0 || col >= grid.cols) continue;
      const k = slot[row * grid.cols + col] as number;
      if (k >= 0) township[k] = ti;
    }
  });
  return keep(network.grids, key, { grid, township });
}
