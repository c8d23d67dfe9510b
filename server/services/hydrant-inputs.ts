/**
 * What every hydrant planning answer reads: the counted hydrants as a kd-index (one per filter),
 * the built-up streets, the township check and the assumptions the answers report. Both caches
 * follow the tables they are built from (server/services/data-version.ts).
 */
import type { Db } from '../../db/client';
import {
  builtUpRoadEdges,
  type HydrantPoint,
  hydrantPoints,
  townshipExists,
  townshipSeats,
} from '../../db/queries/hydrant-planning';
import { HYDRANT_SPACING_M, SNAP_M } from '../analysis/hydrant-spacing';
import { type PointSet, pointSet } from '../analysis/kd-index';
import { InvalidParameterError } from '../errors';
import { countyOf } from './county';
import { versionedCache } from './data-version';
import { clipToSeats, mergeStreets, type Street } from './hydrant-streets';

/**
 * Built-up area around each township seat: roads within 700 m of the seat. A 乡镇 seat's
 * built-up core is about 1–1.5 km across, and the demo generator lays seat hydrants within
 * the same 700 m (data/synthetic/hydrants.ts); the county seat is its whole OSM street network.
 * An assumption (docs/standards.md §4).
 */
export const BUILT_UP_SEAT_RADIUS_M = 700;

export interface HydrantFilter {
  /** The county (adcode; default the focus county): its hydrants, sites and streets. */
  county?: string | undefined;
  radius: number;
  statuses: readonly string[];
  kinds: readonly string[];
}

export interface HydrantSet {
  rows: HydrantPoint[];
  points: PointSet;
}

type IndexFilter = Pick<HydrantFilter, 'statuses' | 'kinds'>;

const filterKey = ({ filter, adcode }: { filter: IndexFilter; adcode: string }) =>
  `${adcode}|${[...new Set(filter.statuses)].sort().join(',')}|${[...new Set(filter.kinds)].sort().join(',')}`;

/** One hydrant index per (database, county, statuses, kinds), rebuilt when the hydrants change. */
const indexes = versionedCache(
  ['hydrants'],
  async (db: Db, { filter, adcode }: { filter: IndexFilter; adcode: string }): Promise<HydrantSet> => {
    const rows = await hydrantPoints(db, filter.statuses, filter.kinds, adcode);
    return { rows, points: pointSet(rows) };
  },
  filterKey,
);

/** The counted hydrants of a county (a checked adcode: `countyOf`). */
export async function hydrantSet(db: Db, filter: IndexFilter, adcode: string): Promise<HydrantSet> {
  return (await indexes.get(db, { filter, adcode })).value;
}

/** Whether the index for this filter is held for the current hydrants (tests check it follows writes). */
export async function hydrantIndexCached(db: Db, filter: IndexFilter, county?: string): Promise<boolean> {
  return indexes.holds(db, { filter, adcode: await countyOf(db, county) });
}

/** The county of a hydrant planning request (404 when unknown), and its township (400 when unknown or of another county). */
export async function planningCounty(db: Db, params: { county?: string | undefined; township?: string | undefined }) {
  const county = await countyOf(db, params.county);
  const { township } = params;
  if (township !== undefined && (!township.startsWith(county) || !(await townshipExists(db, township)))) {
    throw new InvalidParameterError(`unknown township ${township}`, { township });
  }
  return county;
}

/** Township code → name of every township seat of a county. */
export async function seatNames(db: Db, adcode: string): Promise<Map<string, string>> {
  return new Map((await townshipSeats(db, adcode)).map((s) => [s.code, s.name]));
}

const streets = versionedCache(['roads', 'townships', 'counties'], (db: Db, adcode: string) =>
  buildBuiltUpStreets(db, adcode),
);

/** A county's built-up streets, built once per county and change of the roads, townships or counties — every coverage, plan and what-if call needs them. */
export async function builtUpStreets(db: Db, adcode: string): Promise<Street[]> {
  return (await streets.get(db, adcode)).value;
}

/** Built-up streets: OSM edges whole, other edges clipped around the seats, merged into streets. */
async function buildBuiltUpStreets(db: Db, adcode: string): Promise<Street[]> {
  const [edges, seats] = await Promise.all([
    builtUpRoadEdges(db, BUILT_UP_SEAT_RADIUS_M, adcode),
    townshipSeats(db, adcode),
  ]);
  const pieces = edges.flatMap((e) =>
    e.source === 'osm'
      ? [{ name: e.name, township: e.township, coordinates: e.geom.coordinates }]
      : clipToSeats({ name: e.name, township: null, coordinates: e.geom.coordinates }, seats, BUILT_UP_SEAT_RADIUS_M),
  );
  return mergeStreets(pieces);
}

export function hydrantAssumptions(filter: HydrantFilter) {
  return {
    radiusM: filter.radius,
    statuses: [...filter.statuses],
    kinds: [...filter.kinds],
    distance: 'WGS84 ellipsoid metres, as PostGIS ST_Distance(geography)',
    spacingM: HYDRANT_SPACING_M,
    snapM: SNAP_M,
    builtUp: `roads with source 'osm' (the county-seat street network), plus every other road clipped to within ${BUILT_UP_SEAT_RADIUS_M} m of a township seat; edges merged into streets by name and township, end to end`,
  };
}
