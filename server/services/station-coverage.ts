/**
 * Station coverage (issue 4): which units respond, how fast each grid cell and each site is
 * reached over the road network, isochrones, gaps against each unit class's standard,
 * first/second due per site, straight-line rings as a labelled second estimate. Every answer
 * carries its assumptions. The comparison lives in station-comparison.ts, the site table in
 * station-site-table.ts; the statistics are pure, in server/analysis/.
 */
import type { Db } from '../../db/client';
import { areaWithin } from '../analysis/coverage-area';
import { km2, round1, round3 } from '../analysis/coverage-cells';
import { FIVE_MINUTES_S, standardOf } from '../analysis/coverage-standards';
import { effectiveResponseForce } from '../analysis/effective-response-force';
import { highRiskStats } from '../analysis/high-risk-stats';
import { responseBands } from '../analysis/response-bands';
import { type ComputeBudget, unlimited } from '../http/compute-budget';
import { stationAssumptions } from './station-assumptions';
import {
  gapLayer,
  highRiskOutside,
  isochroneLayer,
  ringLayer,
  siteColumns,
  standardCovered,
} from './station-coverage-layers';
import { type CoverageOptions, evaluate, OFF_ROAD_SPEED_KMH, siteOffRoad, unitsOfQuery } from './station-evaluation';
import { MAX_OFF_ROAD_M, stationNetwork } from './station-network';
import { unitRef } from './station-units';

export async function stationCoverage(db: Db, o: CoverageOptions, budget: ComputeBudget = unlimited) {
  const t0 = performance.now();
  const { network, cached } = await stationNetwork(db);
  const tNet = performance.now();
  const { fromScenario, units } = await unitsOfQuery(db, o);
  const thresholds = [...new Set(o.thresholdsS)].sort((a, b) => a - b);
  await budget.step('network');
  const ev = evaluate(network, units, o.cellM);
  const tEval = performance.now();
  await budget.step('travel times');
  const isoLayer = isochroneLayer(ev, o.mode, thresholds);
  await budget.step('isochrones');
  const surface = responseBands(ev.cg, ev.surface.timeS, thresholds);
  const tIso = performance.now();
  await budget.step('bands');
  const covered = standardCovered(network, ev, o.teamStandardS);
  const gaps = gapLayer(network, ev, covered);
  const tGaps = performance.now();
  await budget.step('gaps');
  const erf =
    o.erfS === undefined
      ? null
      : effectiveResponseForce(ev.cg, ev.placed, (s) => units[s]?.staff ?? 0, o.erfS, OFF_ROAD_SPEED_KMH);
  const standardCells = covered.reduce((a, b) => a + b, 0);
  return {
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
      unitId: unitRef(units[x.source]),
      code: units[x.source]?.code,
      nearestRoadM: x.nearestRoadM === null ? null : round1(x.nearestRoadM),
      maxOffRoadM: MAX_OFF_ROAD_M,
    })),
    scenario: fromScenario?.scenario ?? null,
    thresholdsS: thresholds,
    mode: o.mode,
    isochrones: isoLayer,
    surface,
    gaps,
    sites: siteColumns(network, ev),
    highRiskOutside: highRiskOutside(network, ev),
    rings: ringLayer(network, ev, thresholds),
    erf,
    summary: {
      within5Min: areaWithin(network.townships, ev.cg, ev.surface.timeS, o.cellM, FIVE_MINUTES_S),
      standardMet: { km2: km2(standardCells, o.cellM), pct: round3((100 * standardCells) / ev.cg.grid.cells.length) },
      highRisk: highRiskStats(network.sites, ev.sites.timeS, siteOffRoad(network)),
    },
    assumptions: stationAssumptions(network, units, o.cellM, o.teamStandardS),
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
}
