/**
 * The baseline-vs-change comparison of station coverage ("二中队投勤"): units in service against
 * the same with units activated, or against a saved scenario — at the chosen threshold (the
 * 5-minute standard line always beside it): area, sites and high-risk sites within, high-risk
 * statistics, the high-risk sites gaining or losing cover (with their position for the map), the
 * cells gained or lost, per township.
 */
import type { Db } from '../../db/client';
import { type StationUnitRow, stationUnits } from '../../db/queries/station-coverage';
import { areaWithin } from '../analysis/coverage-area';
import { cellsFeature, finite, round1 } from '../analysis/coverage-cells';
import { FIVE_MINUTES_S, HIGH_RISK, TEAM_STANDARD_DEFAULT_S } from '../analysis/coverage-standards';
import { highRiskStats } from '../analysis/high-risk-stats';
import { sitesWithin } from '../analysis/sites-within';
import { InvalidParameterError } from '../errors';
import { stationAssumptions } from './station-assumptions';
import { type Evaluation, evaluate, OFF_ROAD_DEFAULTS, type OffRoad, siteOffRoad } from './station-evaluation';
import { type StationNetwork, stationNetwork } from './station-network';
import { queryCounty, unitsOfScenario } from './station-scenarios';
import { type SiteRef, siteRef, townshipNames } from './station-site-ref';
import { refuseOffNetworkHypotheticals } from './station-snap';
import { type ConsideredUnit, selectUnits, toConsidered, unitRef } from './station-units';

export interface CompareOptions {
  /** The county (adcode; default the focus county); a scenario is compared on its own county. */
  county?: string;
  /** Unit ids to put on duty, or 'built': every built unit (the "二中队投勤" button). */
  activate?: number[] | 'built';
  scenario?: number;
  cellM: number;
  /** Seconds: what "covered" means (default the 5-minute standard). */
  thresholdS?: number;
  offRoad?: OffRoad;
}

/** Baseline (units in service) against the baseline with units activated, or against a scenario. */
export async function compareStations(db: Db, o: CompareOptions) {
  const county = await queryCounty(db, o);
  const { network } = await stationNetwork(db, county);
  const all = await stationUnits(db, county);
  const baseUnits = selectUnits(all, { kind: 'in_service' }, false);
  const at = { thresholdS: o.thresholdS ?? FIVE_MINUTES_S, offRoad: o.offRoad ?? OFF_ROAD_DEFAULTS };
  if (o.scenario !== undefined) {
    const { scenario, units } = await unitsOfScenario(db, o.scenario);
    refuseOffNetworkHypotheticals(network, units, at.offRoad.maxM);
    return compareEvaluations(network, baseUnits, units, o.cellM, { scenario }, at);
  }
  const byId = new Map(all.map((u) => [u.id, u]));
  const ids = o.activate === 'built' ? all.filter((u) => u.status === 'built').map((u) => u.id) : (o.activate ?? []);
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0)
    throw new InvalidParameterError(`activate: unknown unit id ${unknown.join(', ')}`, { unknown });
  const added = ids.filter((id) => !baseUnits.some((u) => u.id === id));
  const afterUnits = [...baseUnits, ...added.map((id) => toConsidered(byId.get(id) as StationUnitRow))];
  return compareEvaluations(network, baseUnits, afterUnits, o.cellM, { activated: added }, at);
}

/** A high-risk site whose coverage at the threshold changes between baseline and change. */
export interface CoverageChangeRow extends SiteRef {
  lon: number;
  lat: number;
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

/** The high-risk sites entering (gaining) or leaving (losing) cover at the threshold (whole seconds, as shown). */
function highRiskChanges(network: StationNetwork, before: Evaluation, after: Evaluation, thresholdS: number) {
  const names = townshipNames(network);
  const gaining: CoverageChangeRow[] = [];
  const losing: CoverageChangeRow[] = [];
  network.sites.forEach((s, i) => {
    if (s.riskLevel < HIGH_RISK) return;
    const tb = before.shownSites.timeS[i] as number;
    const ta = after.shownSites.timeS[i] as number;
    const inB = tb <= thresholdS;
    const inA = ta <= thresholdS;
    if (inB === inA) return;
    (inA ? gaining : losing).push({
      ...siteRef(s, names),
      lon: s.lon,
      lat: s.lat,
      oldEtaS: finite(tb),
      newEtaS: finite(ta),
      oldFirstUnitId: unitRef(before.units[before.shownSites.source[i] as number]),
      newFirstUnitId: unitRef(after.units[after.shownSites.source[i] as number]),
    });
  });
  return { gaining, losing };
}

function side(network: StationNetwork, ev: Evaluation, cellM: number, thresholdS: number) {
  const area = areaWithin(network.townships, ev.cg, ev.surface.timeS, cellM, thresholdS);
  return {
    units: ev.units.map((u) => u.id),
    offNetwork: ev.placed.offNetwork.map((x) => ({
      unitId: unitRef(ev.units[x.source]),
      code: ev.units[x.source]?.code,
      nearestRoadM: x.nearestRoadM === null ? null : round1(x.nearestRoadM),
    })),
    withinThreshold: {
      ...sitesWithin(network.sites, ev.shownSites.timeS, thresholdS, siteOffRoad(ev)),
      km2: area.km2,
      pct: area.pct,
      townships: area.townships,
    },
    /** The 5-minute standard line, whatever the threshold. */
    within5Min: areaWithin(network.townships, ev.cg, ev.surface.timeS, cellM, FIVE_MINUTES_S),
    highRisk: highRiskStats(network.sites, ev.shownSites.timeS, siteOffRoad(ev)),
  };
}

export function compareEvaluations(
  network: StationNetwork,
  baseUnits: ConsideredUnit[],
  afterUnits: ConsideredUnit[],
  cellM: number,
  change: CompareChange,
  at: { thresholdS: number; offRoad: OffRoad } = { thresholdS: FIVE_MINUTES_S, offRoad: OFF_ROAD_DEFAULTS },
) {
  const { thresholdS, offRoad } = at;
  const before = evaluate(network, baseUnits, cellM, offRoad);
  const after = evaluate(network, afterUnits, cellM, offRoad);
  const { gaining, losing } = highRiskChanges(network, before, after, thresholdS);
  const inBefore = (k: number) => (before.surface.timeS[k] as number) <= thresholdS;
  const inAfter = (k: number) => (after.surface.timeS[k] as number) <= thresholdS;
  return {
    change,
    thresholdS,
    standardS: FIVE_MINUTES_S,
    before: side(network, before, cellM, thresholdS),
    after: side(network, after, cellM, thresholdS),
    highRiskGaining: gaining,
    highRiskLosing: losing,
    newlyCovered: cellsFeature(after.cg, (k) => inAfter(k) && !inBefore(k), {}),
    noLongerCovered: cellsFeature(after.cg, (k) => !inAfter(k) && inBefore(k), {}),
    sites: {
      id: network.sites.map((s) => s.id),
      oldEtaS: Array.from(before.shownSites.timeS, finite),
      newEtaS: Array.from(after.shownSites.timeS, finite),
    },
    assumptions: stationAssumptions(network, afterUnits, { cellM, teamStandardS: TEAM_STANDARD_DEFAULT_S, offRoad }),
  };
}
