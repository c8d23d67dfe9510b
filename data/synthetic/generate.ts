/**
 * The demo county: real boundaries, names and county-seat streets plus seeded SYNTHETIC assets
 * (data/README.md). Pure and deterministic: the same inputs and seed give byte-identical output.
 *
 * @example generateDemoCounty(loadRealCountyData()).sites.length // → 15500
 */
import type { RealCountyData } from '../wuyang/load';
import { createContext } from './context';
import { generateEnforcement } from './enforcement';
import { assignHazardSources } from './hazard-sources';
import { generateHazards } from './hazards';
import { generateHydrants } from './hydrants';
import { generateNotices } from './notices';
import { datasetRow, realCounties, realParks, realPois } from './real-layers';
import { ROAD_CLASSES } from './road-classes';
import { buildRoads } from './roads';
import { generateSites } from './sites';
import { generateTownshipWork } from './township-work';
import { generateTownships } from './townships';
import type { DemoCountyData } from './types';
import { generateUnits } from './units';
import { placeVillages } from './villages';

/** The report's cut-off date as a number (2023-07-24). */
export const DEFAULT_SEED = 20230724;

export function generateDemoCounty(real: RealCountyData, seed = DEFAULT_SEED): DemoCountyData {
  const ctx = createContext(real, seed);
  const townships = generateTownships(ctx);
  const villages = placeVillages(ctx, townships);
  const roads = buildRoads(ctx, townships, villages);
  const sites = generateSites(ctx, townships, villages, roads);
  const generated = generateHazards(sites, ctx.rng);
  // Derived streams (issue 15): the sources, work records and notices leave every other row as it was.
  const hazards = assignHazardSources(generated.hazards, ctx.rng);
  const townshipRows: DemoCountyData['townships'] = townships.map((t) => ({
    code: t.code,
    adcode: real.adcode,
    name: t.name,
    kind: t.kind,
    seat: { type: 'Point', coordinates: t.seat },
    geom: t.geom,
    areaKm2: Math.round(t.areaKm2 * 1000) / 1000,
    synthetic: true,
  }));
  const villageRows: DemoCountyData['villages'] = villages.map((v) => ({
    code: v.code,
    adcode: real.adcode,
    townshipCode: v.townshipCode,
    name: v.name,
    shortName: v.shortName,
    geom: { type: 'Point', coordinates: v.geom },
    synthetic: true,
  }));
  const work = generateTownshipWork({ townships: townshipRows, villages: villageRows, sites, hazards }, ctx.rng);
  const notices = generateNotices({ townships: townshipRows, sites, hazards }, ctx.rng);
  return {
    dataset: datasetRow(ctx, seed),
    counties: realCounties(ctx),
    townships: townshipRows,
    villages: villageRows,
    roadClasses: ROAD_CLASSES,
    roads: roads.rows,
    parks: realParks(ctx),
    pois: realPois(ctx),
    units: generateUnits(ctx, townships, villages, roads),
    hydrants: generateHydrants(ctx, townships, villages, roads),
    sites,
    hazards,
    hazardTransitions: generated.transitions,
    enforcementActions: generateEnforcement(hazards, sites, ctx.rng),
    ...work,
    notices: notices.notices,
    noticeHazards: notices.noticeHazards,
  };
}
