/**
 * The benchmark's anchor for issue 17: the station coverage service as it was before the answer
 * was traced once (server/services/station-coverage.ts at the merge base), frozen here — bands,
 * isochrones and gaps each outlined cell by cell, the whole answer rebuilt and serialised per call.
 * Not used by the app.
 */
import type { Db } from '../../db/client';
import { areaWithin } from '../../server/analysis/coverage-area';
import { km2, round1, round3 } from '../../server/analysis/coverage-cells';
import { FIVE_MINUTES_S, standardOf } from '../../server/analysis/coverage-standards';
import { effectiveResponseForce } from '../../server/analysis/effective-response-force';
import { highRiskStats } from '../../server/analysis/high-risk-stats';
import { landClasses } from '../../server/analysis/land-classes';
import { responseBands } from '../../server/analysis/response-bands';
import { noRoadAccess } from '../../server/analysis/response-surface';
import { sitesWithin } from '../../server/analysis/sites-within';
import { type ComputeBudget, unlimited } from '../../server/http/compute-budget';
import { stationAssumptions } from '../../server/services/station-assumptions';
import {
  gapLayer,
  highRiskOutside,
  isochroneLayer,
  ringLayer,
  siteColumns,
  standardByKind,
  standardCovered,
} from '../../server/services/station-coverage-layers';
import { districtLayer } from '../../server/services/station-districts';
import { type CoverageOptions, evaluate, siteOffRoad, unitsOfQuery } from '../../server/services/station-evaluation';
import { stationNetwork } from '../../server/services/station-network';
import { noRoadSites } from '../../server/services/station-site-ref';
import { refuseOffNetworkHypotheticals } from '../../server/services/station-snap';
import { unitRef } from '../../server/services/station-units';

export async function todaysStationCoverage(db: Db, o: CoverageOptions, budget: ComputeBudget = unlimited) {
  const t0 = performance.now();
  const { network, cached } = await stationNetwork(db);
  const tNet = performance.now();
  const { fromScenario, units } = await unitsOfQuery(db, o);
  refuseOffNetworkHypotheticals(network, units, o.offRoad.maxM);
  const thresholds = [...new Set(o.thresholdsS)].sort((a, b) => a - b);
  await budget.step('network');
  const ev = evaluate(network, units, o.cellM, o.offRoad);
  const tEval = performance.now();
  await budget.step('travel times');
  const isoLayer = isochroneLayer(ev, o.mode, thresholds);
  await budget.step('isochrones');
  const noRoad = noRoadAccess(ev.cg.grid);
  const surface = responseBands(ev.cg, ev.surface.timeS, thresholds, noRoad);
  const tIso = performance.now();
  await budget.step('bands');
  const covered = standardCovered(network, ev, o.teamStandardS);
  const gaps = gapLayer(network, ev, covered.cells, noRoad);
  const tGaps = performance.now();
  await budget.step('gaps');
  const erf =
    o.erfS === undefined
      ? null
      : effectiveResponseForce(ev.cg, ev.placed, (s) => units[s]?.staff ?? 0, o.erfS, ev.offRoad.speedKmh);
  const districts = o.mode === 'split' ? districtLayer(ev, o.thresholdS) : null;
  const land = landClasses(network.townships, ev.cg, noRoad, o.cellM);
  const standardCells = covered.cells.reduce((a, b) => a + b, 0);
  const siteRoadless = siteOffRoad(ev);
  const atThreshold = areaWithin(network.townships, ev.cg, ev.surface.timeS, o.cellM, o.thresholdS);
  const servedPct = (km: number) => (land.servedKm2 > 0 ? round3((100 * km) / land.servedKm2) : 0);
  const standardSites = sitesWithin(
    network.sites,
    Float64Array.from(covered.sites, (c) => (c ? 0 : Infinity)),
    0,
    siteRoadless,
  );
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
      maxOffRoadM: o.offRoad.maxM,
    })),
    scenario: fromScenario?.scenario ?? null,
    thresholdsS: thresholds,
    thresholdS: o.thresholdS,
    mode: o.mode,
    isochrones: isoLayer,
    surface,
    gaps,
    districts,
    sites: siteColumns(network, ev),
    highRiskOutside: highRiskOutside(network, ev, o.thresholdS),
    noRoadAccessSites: noRoadSites(network, ev),
    rings: ringLayer(network, ev, thresholds),
    erf,
    summary: {
      withinThreshold: {
        ...sitesWithin(network.sites, ev.shownSites.timeS, o.thresholdS, siteRoadless),
        km2: atThreshold.km2,
        pctOfServed: servedPct(atThreshold.km2),
        townships: atThreshold.townships,
      },
      /** The standard line: 5 minutes whatever the threshold. */
      within5Min: areaWithin(network.townships, ev.cg, ev.surface.timeS, o.cellM, FIVE_MINUTES_S),
      noRoadAccessKm2: land.noRoadAccessKm2,
      land,
      standardMet: {
        km2: km2(standardCells, o.cellM),
        pct: round3((100 * standardCells) / ev.cg.grid.cells.length),
        pctOfServed: servedPct(km2(standardCells, o.cellM)),
        sitesWithin: standardSites.sitesWithin,
        highRiskWithin: standardSites.highRiskWithin,
        byKind: standardByKind(network, ev, o.teamStandardS),
      },
      highRisk: highRiskStats(network.sites, ev.shownSites.timeS, siteRoadless),
    },
    assumptions: stationAssumptions(network, units, o),
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
