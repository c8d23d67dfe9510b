/**
 * The hydrant coverage report (GET /api/coverage/hydrants): every site's nearest counted hydrant
 * within the protection radius, the uncovered sites riskiest first, and the built-up streets'
 * uncovered and over-spaced stretches.
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { Db } from '../../db/client';
import { type HydrantPoint, type SitePoint, sitePoints } from '../../db/queries/hydrant-planning';
import { hydrantCoverage } from '../analysis/hydrant-coverage';
import { coverageSummary } from '../analysis/hydrant-coverage-summary';
import { type HydrantSpacing, hydrantSpacing } from '../analysis/hydrant-spacing';
import { countByRisk, streetTotals } from '../analysis/hydrant-tallies';
import {
  builtUpStreets,
  type HydrantFilter,
  hydrantAssumptions,
  hydrantSet,
  planningCounty,
  seatNames,
} from './hydrant-inputs';
import type { Street } from './hydrant-streets';

export interface CoverageParams extends HydrantFilter {
  township?: string;
  limit: number;
}

export interface UncoveredSiteRow {
  rank: number;
  id: number;
  code: string;
  name: string;
  category: string;
  riskLevel: number;
  township: string;
  townshipName: string | null;
  nearestHydrant: { id: number; code: string } | null;
  distanceM: number | null;
  lon: number;
  lat: number;
}

function stretchFeatures(
  spacing: HydrantSpacing,
  streets: readonly Street[],
): FeatureCollection<LineString, Record<string, unknown>> {
  const features: Feature<LineString, Record<string, unknown>>[] = [];
  for (const [kind, list] of [
    ['uncovered', spacing.uncovered],
    ['spacing_gap', spacing.spacingGaps],
  ] as const) {
    for (const s of list) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: s.coordinates },
        properties: {
          kind,
          street: streets[s.road]?.name ?? null,
          township: s.township,
          fromM: s.fromM,
          toM: s.toM,
          lengthM: s.lengthM,
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

export async function hydrantCoverageReport(db: Db, params: CoverageParams) {
  const county = await planningCounty(db, params);
  const [hs, sites, names, allStreets] = await Promise.all([
    hydrantSet(db, params, county),
    sitePoints(db, county, params.township),
    seatNames(db, county),
    builtUpStreets(db, county),
  ]);
  const coverage = hydrantCoverage(sites, hs.points, params.radius);
  const summary = coverageSummary(sites, coverage);
  const streets = params.township === undefined ? allStreets : allStreets.filter((s) => s.township === params.township);
  const spacing = hydrantSpacing(streets, hs.points, { radiusM: params.radius });
  const uncovered = summary.uncovered.map((u, k): UncoveredSiteRow => {
    const site = sites[u.site] as SitePoint;
    const h = u.hydrant >= 0 ? (hs.rows[u.hydrant] as HydrantPoint) : undefined;
    return {
      rank: k + 1,
      id: site.id,
      code: site.code,
      name: site.name,
      category: site.category,
      riskLevel: site.riskLevel,
      township: site.township,
      townshipName: names.get(site.township) ?? null,
      nearestHydrant: h ? { id: h.id, code: h.code } : null,
      distanceM: Number.isFinite(u.distanceM) ? u.distanceM : null,
      lon: site.lon,
      lat: site.lat,
    };
  });
  return {
    assumptions: { ...hydrantAssumptions(params), township: params.township ?? null },
    hydrants: hs.rows.length,
    summary: {
      sites: summary.sites,
      covered: summary.covered,
      percent: summary.percent,
      byTownship: summary.byTownship.map((g) => ({ ...g, name: names.get(g.key) ?? null })),
      byCategory: summary.byCategory,
      /** Uncovered sites per risk level, highest first (every uncovered site, whatever `limit`). */
      uncoveredByRisk: countByRisk(uncovered),
    },
    /** The counted hydrants (the ones whose protection circles the map draws). */
    countedHydrants: hs.rows.map((h) => ({ id: h.id, code: h.code, lon: h.lon, lat: h.lat })),
    uncoveredTotal: uncovered.length,
    uncovered: uncovered.slice(0, params.limit),
    roads: {
      totals: streetTotals(spacing),
      byTownship: spacing.byTownship.map((t) => ({ ...t, name: names.get(t.township) ?? null })),
      stretches: stretchFeatures(spacing, streets),
    },
  };
}
