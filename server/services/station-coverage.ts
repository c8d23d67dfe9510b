/**
 * Station coverage (issues 4, 16): which units respond, how fast each grid cell and each site is
 * reached over the road network, the land classes (reached bands, beyond, no road access),
 * isochrones, gaps against each unit class's standard over the land roads serve, first/second due
 * per site, whole first-due districts, straight-line rings as a labelled second estimate. Every
 * headline figure refers to the chosen threshold; every answer carries its assumptions. The
 * comparison lives in station-comparison.ts, the site table in station-site-table.ts; the
 * statistics are pure, in server/analysis/.
 */
import type { Db } from '../../db/client';
import { areaWithin } from '../analysis/coverage-area';
import { km2, round1, round3 } from '../analysis/coverage-cells';
import { coverageOutlines } from '../analysis/coverage-outlines';
import { FIVE_MINUTES_S, standardOf } from '../analysis/coverage-standards';
import { effectiveResponseForce } from '../analysis/effective-response-force';
import { highRiskStats } from '../analysis/high-risk-stats';
import { landClasses } from '../analysis/land-classes';
import { noRoadAccess } from '../analysis/response-surface';
import { sitesWithin } from '../analysis/sites-within';
import { type ComputeBudget, unlimited } from '../http/compute-budget';
import { stationAssumptions } from './station-assumptions';
import {
  highRiskOutside,
  isochroneLayer,
  namedIsochrones,
  ringLayer,
  siteColumns,
  standardByKind,
  standardCovered,
} from './station-coverage-layers';
import { districtLayer } from './station-districts';
import { type CoverageOptions, evaluate, siteOffRoad, unitsOfQuery } from './station-evaluation';
import { stationNetwork } from './station-network';
import { noRoadSites } from './station-site-ref';
import { refuseOffNetworkHypotheticals } from './station-snap';
import { unitRef } from './station-units';

export async function stationCoverage(db: Db, o: CoverageOptions, budget: ComputeBudget = unlimited) {
  const t0 = performance.now();
  const { county, fromScenario, units } = await unitsOfQuery(db, o);
  const { network, cached } = await stationNetwork(db, county);
  const tNet = performance.now();
  refuseOffNetworkHypotheticals(network, units, o.offRoad.maxM);
  const thresholds = [...new Set(o.thresholdsS)].sort((a, b) => a - b);
  await budget.step('network');
  const ev = evaluate(network, units, o.cellM, o.offRoad);
  const tEval = performance.now();
  await budget.step('travel times');
  const noRoad = noRoadAccess(ev.cg.grid);
  const covered = standardCovered(network, ev, o.teamStandardS);
  const tCovered = performance.now();
  // Bands, isochrones and gaps from one trace of the labelled grid (overlap isochrones are per-unit surfaces).
  const outlines = coverageOutlines({
    cg: ev.cg,
    surface: ev.surface,
    thresholds,
    noRoad,
    covered: covered.cells,
    split: o.mode === 'split',
    townships: network.townships,
    county: network.county,
  });
  const isoLayer =
    o.mode === 'overlap' ? isochroneLayer(ev, o.mode, thresholds) : namedIsochrones(ev, outlines.isochrones);
  const surface = { type: 'FeatureCollection' as const, features: outlines.bands };
  const tIso = performance.now();
  await budget.step('isochrones');
  const gaps = { type: 'FeatureCollection' as const, features: outlines.gaps };
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
      /** Bands, isochrones and gaps outlined from one trace. */
      isochronesMs: round1(tIso - tCovered),
      /** The gaps' own search (cells within each class standard); their outline is in isochronesMs. */
      gapsMs: round1(tCovered - tEval),
      totalMs: round1(performance.now() - t0),
    },
  };
}
