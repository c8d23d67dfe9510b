/**
 * Golden fixture you can look at (STYLE.md practice 6): a 3 × 3-block town grid with a few
 * hydrants and sites → uncovered stretches, spacing gaps and 5 placement proposals, styled
 * with simplestyle colours (drop expected.geojson on a map). The golden file only records
 * what the code did; the oracles are in hydrant-spacing / placement-plan tests.
 * Rebuild both files: UPDATE=1 npx vitest run --project unit tests/unit/analysis/hydrant-planning-golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import { expect, it } from 'vitest';
import { hydrantCoverage } from '../../../server/analysis/hydrant-coverage';
import { hydrantSpacing } from '../../../server/analysis/hydrant-spacing';
import type { LonLat } from '../../../server/analysis/metric';
import { placementCandidates } from '../../../server/analysis/placement-candidates';
import { planHydrants } from '../../../server/analysis/placement-plan';
import { rng, travel } from './hydrant-random';

const dir = join(import.meta.dirname, 'fixtures/hydrant-planning/town-grid');
const pos = (p: LonLat): Position => [p.lon, p.lat];

/** The input: streets every 200 m over 600 m, hydrants and sites from a seeded PRNG. */
function townGrid(): FeatureCollection {
  const rand = rng(71);
  const origin = { lon: 113.6, lat: 33.5 };
  const at = (x: number, y: number) => travel(travel(origin, 90, x), 0, y);
  const features: Feature[] = [];
  for (let k = 0; k <= 3; k++) {
    const township = k < 2 ? 'west' : 'east';
    features.push(line([at(200 * k, 0), at(200 * k, 300), at(200 * k, 600)], { kind: 'road', township }));
    features.push(line([at(0, 200 * k), at(300, 200 * k), at(600, 200 * k)], { kind: 'road', township }));
  }
  for (let k = 0; k < 4; k++) features.push(point(at(rand() * 600, rand() * 600), { kind: 'hydrant' }));
  for (let k = 0; k < 14; k++) {
    features.push(
      point(at(rand() * 600, rand() * 600), {
        kind: 'site',
        category: ['nine_small', 'crowded', 'hazmat'][k % 3],
        riskLevel: 1 + (k % 4),
      }),
    );
  }
  return { type: 'FeatureCollection', features };
}

function line(points: LonLat[], properties: Record<string, unknown>): Feature<LineString> {
  return { type: 'Feature', properties, geometry: { type: 'LineString', coordinates: points.map(pos) } };
}

function point(p: LonLat, properties: Record<string, unknown>): Feature<Point> {
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: pos(p) } };
}

/** A 150 m circle as real geometry (geodesic, 48 vertices). */
function circle(p: LonLat, properties: Record<string, unknown>): Feature {
  const ring = Array.from({ length: 49 }, (_, k) => pos(travel(p, (k % 48) * 7.5, 150)));
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

function analyse(input: FeatureCollection): FeatureCollection {
  const of = (kind: string) => input.features.filter((f) => f.properties?.kind === kind);
  const lonLat = (f: Feature) => {
    const [lon = NaN, lat = NaN] = (f.geometry as Point).coordinates;
    return { lon, lat };
  };
  const roads = of('road').map((f) => ({
    coordinates: (f.geometry as LineString).coordinates,
    township: f.properties?.township as string,
  }));
  const hydrants = of('hydrant').map(lonLat);
  const sites = of('site').map((f) => ({
    ...lonLat(f),
    category: f.properties?.category as string,
    riskLevel: f.properties?.riskLevel as number,
  }));
  const coverage = hydrantCoverage(sites, hydrants);
  const spacing = hydrantSpacing(roads, hydrants);
  const candidates = placementCandidates(roads, hydrants);
  const proposals = planHydrants({ sites, coverage, stretches: spacing.uncovered, candidates }, { count: 5 });
  const features: Feature[] = [
    ...hydrants.map((h) => circle(h, { kind: 'radius', stroke: '#1f77b4', fill: '#1f77b4', 'fill-opacity': 0.08 })),
    ...proposals.map((p) =>
      circle(p, { kind: 'proposal-radius', stroke: '#2ca02c', fill: '#2ca02c', 'fill-opacity': 0.08 }),
    ),
    ...spacing.uncovered.map((u) =>
      line(
        u.coordinates.map(([lon = NaN, lat = NaN]) => ({ lon, lat })),
        { kind: 'uncovered-road', township: u.township, lengthM: u.lengthM, stroke: '#d62728', 'stroke-width': 4 },
      ),
    ),
    ...spacing.spacingGaps.map((g) =>
      line(
        g.coordinates.map(([lon = NaN, lat = NaN]) => ({ lon, lat })),
        { kind: 'spacing-gap', township: g.township, lengthM: g.lengthM, stroke: '#ff7f0e', 'stroke-width': 2 },
      ),
    ),
    ...hydrants.map((h) => point(h, { kind: 'hydrant', 'marker-color': '#1f77b4' })),
    ...sites.map((s, i) =>
      point(s, {
        kind: coverage.covered[i] ? 'site-covered' : 'site-uncovered',
        distanceM: coverage.distanceM[i],
        'marker-color': coverage.covered[i] ? '#7f7f7f' : '#d62728',
      }),
    ),
    ...proposals.map((p) =>
      point(p, {
        kind: 'proposal',
        rank: p.rank,
        gain: p.gain,
        sitesByCategory: p.sitesByCategory,
        roadM: p.roadM,
        'marker-color': '#2ca02c',
        'marker-symbol': String(p.rank),
      }),
    ),
  ];
  return { type: 'FeatureCollection', features };
}

/** Coordinates to 1e-7° (~1 cm), other numbers to 1 mm / 3 decimals, before comparing. */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => {
    if (typeof v !== 'number') return v;
    const scale = /^\d+$/.test(key) ? 1e7 : 1e3; // array members are coordinates here
    return Math.round(v * scale) / scale;
  });
}

it('town grid: uncovered stretches, spacing gaps and proposals match the golden file', () => {
  const update = process.env.UPDATE === '1';
  const inputFile = join(dir, 'input.geojson');
  if (update || !existsSync(inputFile)) writeFileSync(inputFile, `${JSON.stringify(townGrid(), null, 1)}\n`);
  const output = rounded(analyse(JSON.parse(readFileSync(inputFile, 'utf8')) as FeatureCollection));
  const expectedFile = join(dir, 'expected.geojson');
  if (update) writeFileSync(expectedFile, `${JSON.stringify(output, null, 1)}\n`);
  expect(output).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
});
