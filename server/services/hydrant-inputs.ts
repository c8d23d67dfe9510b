/**
 * What every hydrant planning answer reads: the counted hydrants as a kd-index (one per filter,
 * dropped when hydrants are written), the built-up streets (once per road network), the township
 * check and the assumptions the answers report.
 */
import type { Db } from '../../db/client';
import {
  builtUpRoadEdges,
  type HydrantPoint,
  hydrantPoints,
  townshipExists,
  townshipSeats,
} from '../../db/queries/hydrant-planning';
import { roadsFingerprint } from '../../db/queries/roads-graph';
import { HYDRANT_SPACING_M, SNAP_M } from '../analysis/hydrant-spacing';
import { type PointSet, pointSet } from '../analysis/kd-index';
import { InvalidParameterError } from '../errors';
import { clipToSeats, mergeStreets, type Street } from './hydrant-streets';

/**
 * Built-up area around each township seat: roads within 700 m of the seat. A 乡镇 seat's
 * built-up core is about 1–1.5 km across, and the demo generator lays seat hydrants within
 * the same 700 m (data/synthetic/hydrants.ts); the county seat is its whole OSM street network.
 * An assumption (docs/standards.md §4).
 */
export const BUILT_UP_SEAT_RADIUS_M = 700;

export interface HydrantFilter {
  radius: number;
  statuses: readonly string[];
  kinds: readonly string[];
}

export interface HydrantSet {
  rows: HydrantPoint[];
  points: PointSet;
}

/** One hydrant index per (database, statuses, kinds); dropped when this service writes hydrants. */
const indexCache = new WeakMap<Db, Map<string, Promise<HydrantSet>>>();

const filterKey = (filter: Pick<HydrantFilter, 'statuses' | 'kinds'>) =>
  `${[...new Set(filter.statuses)].sort().join(',')}|${[...new Set(filter.kinds)].sort().join(',')}`;

export function invalidateHydrantIndex(db: Db): void {
  indexCache.delete(db);
}

export async function hydrantSet(db: Db, filter: HydrantFilter): Promise<HydrantSet> {
  const key = filterKey(filter);
  let byKey = indexCache.get(db);
  if (!byKey) {
    byKey = new Map();
    indexCache.set(db, byKey);
  }
  let entry = byKey.get(key);
  if (!entry) {
    entry = hydrantPoints(db, filter.statuses, filter.kinds).then((rows) => ({ rows, points: pointSet(rows) }));
    byKey.set(key, entry);
    entry.catch(() => byKey.delete(key));
  }
  return entry;
}

/** Whether the index for this filter is cached (tests check the invalidation). */
export function hydrantIndexCached(db: Db, filter: Pick<HydrantFilter, 'statuses' | 'kinds'>): boolean {
  return indexCache.get(db)?.has(filterKey(filter)) ?? false;
}

export async function checkTownship(db: Db, township: string | undefined): Promise<void> {
  if (township !== undefined && !(await townshipExists(db, township))) {
    throw new InvalidParameterError(`unknown township ${township}`, { township });
  }
}

/** Township code → name of every township seat. */
export async function seatNames(db: Db): Promise<Map<string, string>> {
  return new Map((await townshipSeats(db)).map((s) => [s.code, s.name]));
}

const streetCache = new WeakMap<Db, { fingerprint: string; streets: Promise<Street[]> }>();

/**
 * Built-up streets, built once per road network (the routing graph's fingerprint: count, max id,
 * length and classes of the roads) — every coverage, plan and what-if call needs them.
 */
export async function builtUpStreets(db: Db): Promise<Street[]> {
  const fingerprint = await roadsFingerprint(db);
  const held = streetCache.get(db);
  if (held && held.fingerprint === fingerprint) return held.streets;
  const streets = buildBuiltUpStreets(db);
  streetCache.set(db, { fingerprint, streets });
  streets.catch(() => streetCache.delete(db));
  return streets;
}

/** Built-up streets: OSM edges whole, other edges clipped around the seats, merged into streets. */
async function buildBuiltUpStreets(db: Db): Promise<Street[]> {
  const [edges, seats] = await Promise.all([builtUpRoadEdges(db, BUILT_UP_SEAT_RADIUS_M), townshipSeats(db)]);
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
