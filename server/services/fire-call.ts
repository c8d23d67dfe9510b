/**
 * GET /api/fire-call (接处警辅助, issue 14): from a point (or a site) to the whole first-minute
 * answer — where it is, the units ranked by road ETA in the station coverage model with the
 * first three's routes, the force on scene over time, the water around, the site's record and a
 * share text. Units: fire-call-units.ts; water: fire-call-water.ts; record: fire-call-record.ts.
 */
import type { Db } from '../../db/client';
import { nearestSite, scenePlace, sitePoint } from '../../db/queries/fire-call';
import { stationUnits, type UnitKind, type UnitStatus } from '../../db/queries/station-coverage';
import { FIVE_MINUTES_S, TEAM_STANDARD_DEFAULT_S } from '../analysis/coverage-standards';
import type { Actor } from '../auth/actor';
import { chinaToday } from '../auth/today';
import { InvalidParameterError, NotFoundError } from '../errors';
import { countyOf } from './county';
import { hazmatAround, siteRecord } from './fire-call-record';
import { fireCallText } from './fire-call-text';
import { routeFeature, routeRoadM, unitArrivals } from './fire-call-units';
import { waterAround } from './fire-call-water';
import { stationAssumptions } from './station-assumptions';
import { OFF_ROAD_DEFAULTS } from './station-evaluation';
import { stationNetwork } from './station-network';
import { type ConsideredUnit, toConsidered } from './station-units';
import { dutyBoard, type UnitDuty } from './unit-duty';

/** A site within this many metres of the point is the scene's site (issue 14). */
export const SITE_SNAP_M = 50;
/** Units past this are listed after the ranked ones as "beyond 30 min" (issue 14). */
export const LISTED_WITHIN_S = 1800;
/** Force on scene is summed by these minutes. */
const FORCE_MINUTES = [5, 10, 15, 20];
const ROUTED = 3;

export interface FireCallOptions {
  /** The county (adcode) whose units respond and whose boundary the point must be in; default the focus county. */
  county?: string | undefined;
  lon?: number | undefined;
  lat?: number | undefined;
  site?: number | undefined;
  units: 'available' | 'all';
  waterRadius: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A duty board unit as station coverage considers a database unit (same fields, same values). */
function considered(d: UnitDuty): ConsideredUnit {
  return toConsidered({
    id: d.unitId,
    code: d.code,
    name: d.name,
    kind: d.kind as UnitKind,
    status: d.unitStatus as UnitStatus,
    staff: d.staff,
    turnoutS: d.turnoutS,
    townshipCode: d.townshipCode,
    lon: d.lon,
    lat: d.lat,
  });
}

export async function fireCall(db: Db, o: FireCallOptions, actor: Actor, nowMs: number) {
  const t0 = performance.now();
  const county = await countyOf(db, o.county);
  const [{ network, cached }, board, own] = await Promise.all([
    stationNetwork(db, county),
    dutyBoard(db),
    stationUnits(db, county),
  ]);
  // The county's units only: each county answers its own calls on its own network.
  const ids = new Set(own.map((u) => u.id));
  const duty = board.filter((d) => ids.has(d.unitId));
  const given = o.site === undefined ? null : await sitePoint(db, o.site);
  if (o.site !== undefined && !given) throw new NotFoundError(`没有这个场所 (no site ${o.site})`);
  const lon = given?.lon ?? (o.lon as number);
  const lat = given?.lat ?? (o.lat as number);
  const place = await scenePlace(db, lon, lat, county);
  if (!place.inCounty)
    throw new InvalidParameterError('该点不在本县范围内 (the point is outside the county)', { lon, lat });
  const site = given ?? (await nearestSite(db, lon, lat, SITE_SNAP_M));
  const tDb = performance.now();

  const dutyById = new Map(duty.map((d) => [d.unitId, d]));
  const units = duty.map(considered);
  const { arrivals, scene } = unitArrivals(network, units, lon, lat);
  const ranked = arrivals
    .filter((a) => Number.isFinite(a.etaS) && (o.units === 'all' || dutyById.get(a.unit.id as number)?.available))
    .sort((a, b) => a.etaS - b.etaS || (a.unit.id as number) - (b.unit.id as number));
  const rankOf = new Map(ranked.map((a, i) => [a.unit.id, i + 1]));
  const rows = arrivals
    .map((a) => {
      const id = a.unit.id as number;
      const d = dutyById.get(id) as UnitDuty;
      return {
        unitId: id,
        code: a.unit.code,
        name: a.unit.name,
        kind: a.unit.kind,
        rank: rankOf.get(id) ?? null,
        etaS: Number.isFinite(a.etaS) ? round1(a.etaS) : null,
        roadM: a.route ? round1(routeRoadM(network.graph, a.route)) : null,
        available: d.available,
        dutyStatus: d.status,
        dutySetBy: d.setBy,
        dutySetAt: d.setAt,
        staff: d.staff,
        vehicles: d.vehicles,
        turnoutS: a.unit.turnoutS,
        reachable: Number.isFinite(a.etaS),
        offNetwork: a.offNetwork,
        withinListS: Number.isFinite(a.etaS) && a.etaS <= LISTED_WITHIN_S,
      };
    })
    .sort(
      (a, b) =>
        (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
        (a.etaS ?? Infinity) - (b.etaS ?? Infinity) ||
        a.unitId - b.unitId,
    );
  const routes = {
    type: 'FeatureCollection' as const,
    features: ranked.slice(0, ROUTED).map((a, i) => routeFeature(network.graph, a, i + 1, [lon, lat])),
  };
  const rankedRows = rows.filter((r) => r.rank !== null);
  const force = FORCE_MINUTES.map((minutes) => {
    const by = rankedRows.filter((r) => (r.etaS as number) <= minutes * 60);
    return {
      minutes,
      units: by.length,
      staff: by.reduce((s, r) => s + r.staff, 0),
      vehicles: by.reduce((s, r) => s + r.vehicles, 0),
    };
  });
  const tUnits = performance.now();

  const [water, record, hazmat] = await Promise.all([
    waterAround(db, network, scene, lon, lat, o.waterRadius),
    site ? siteRecord(db, site.id, actor, chinaToday(nowMs)) : Promise.resolve(null),
    hazmatAround(db, lon, lat, site?.id ?? null),
  ]);
  const { cellM: _cell, ...assumptions } = stationAssumptions(network, units, {
    cellM: 0,
    teamStandardS: TEAM_STANDARD_DEFAULT_S,
    offRoad: OFF_ROAD_DEFAULTS,
  });
  const answer = {
    point: { lon, lat },
    township: place.townshipCode === null ? null : { code: place.townshipCode, name: place.townshipName },
    village: place.villageCode === null ? null : { code: place.villageCode, name: place.villageName },
    site:
      site === null
        ? null
        : { id: site.id, code: site.code, name: site.name, address: site.address, distanceM: round1(site.distanceM) },
    unitSelection: o.units,
    units: rows,
    routes,
    force,
    water,
    record,
    hazmatNearby: hazmat,
    standardS: FIVE_MINUTES_S,
    assumptions,
  };
  return {
    ...answer,
    text: fireCallText({ ...answer, countyName: network.county.name }),
    timing: {
      graphCached: cached,
      dbMs: round1(tDb - t0),
      unitsMs: round1(tUnits - tDb),
      totalMs: round1(performance.now() - t0),
    },
  };
}
