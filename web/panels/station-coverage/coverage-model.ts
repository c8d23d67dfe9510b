/**
 * The pure part of 站点覆盖 (tests/unit/web/station-coverage.test.ts): thresholds, modes, the
 * band legend, ETA and minute formats, table order, the turnout parameter, the scenario draft
 * and the queries built from the panel's choices. First-due districts and their colours:
 * coverage-districts.ts.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { Props } from '../../map/layer-module';
import { bandColors, beyondColor, noRoadColor } from '../../map/layers/station-coverage';
import type { Comparison, CoverageQuery, ScenarioChanges, SiteSort, SitesQuery } from './api';

/** The thresholds asked for (the surface's bands); the main threshold is one of them. */
export const thresholds = [180, 300, 600, 900] as const;
export type Threshold = (typeof thresholds)[number];
export type Mode = 'dissolve' | 'split' | 'overlap';
export const modes: readonly Mode[] = ['dissolve', 'split', 'overlap'];
/** Township team targets offered (s); the server's default is 300. */
export const teamStandards = [180, 300, 480, 600, 900] as const;
export type UnitKind = 'station' | 'township_team' | 'micro_station';
export const unitKinds: readonly UnitKind[] = ['station', 'township_team', 'micro_station'];
export const PAGE_SIZE = 50;
/** Owner of the pick-point tool while a hypothetical unit is being placed. */
export const ADD_UNIT_TOOL = 'stations.add-unit';

/** A unit as the toggles list it (from the units layer). */
export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  status: string;
  turnoutS: number;
  staff: number;
}

/** A unit added by a click on the map, for the scenario being drafted (tried live at once). */
export interface HypotheticalUnit {
  name: string;
  kind: UnitKind;
  lon: number;
  lat: number;
  turnoutS: number;
  staff: number;
  /** Where it joins the roads and how far off it stands (the server's snap). */
  snap?: { lon: number; lat: number; distanceM: number };
}

export type LandClass = 'within' | 'beyond' | 'no_road_access';

/** Legend row of one land class of the surface, with the server's area. */
export interface BandRow {
  band: number;
  class: LandClass;
  fromS: number | null;
  toS: number | null;
  color: string;
  areaKm2: number;
}

interface BandLike {
  properties: { band: number; class: LandClass; fromS: number | null; toS: number | null; areaKm2: number } | null;
}

/** The legend of the surface: one row per land class in the answer in the server's order (fastest first, no road access last), the colour the map uses. */
export function bandRows(features: readonly BandLike[]): BandRow[] {
  return features
    .flatMap((f) => (f.properties ? [f.properties] : []))
    .sort((a, b) => a.band - b.band)
    .map((p) => ({
      band: p.band,
      class: p.class,
      fromS: p.fromS,
      toS: p.toS,
      color:
        p.class === 'no_road_access'
          ? noRoadColor
          : p.class === 'beyond'
            ? beyondColor
            : (bandColors[p.band] ?? beyondColor),
      areaKm2: p.areaKm2,
    }));
}

/** The `hypothetical` query parameter of the units clicked on the map: `kind:lon:lat:turnout`, in order (h1, h2 …). */
export function hypotheticalParam(hypothetical: readonly HypotheticalUnit[]): { hypothetical?: string } {
  if (hypothetical.length === 0) return {};
  const deg = (x: number) => String(Math.round(x * 1e7) / 1e7);
  return { hypothetical: hypothetical.map((h) => `${h.kind}:${deg(h.lon)}:${deg(h.lat)}:${h.turnoutS}`).join(',') };
}

/** Minutes of a band edge as text: 180 → '3', 450 → '7.5'. */
export function minutes(s: number): string {
  const m = s / 60;
  return Number.isInteger(m) ? String(m) : m.toFixed(1);
}

/** An ETA as m:ss ('—' when not reached): 352.4 → '5:52'. The server sends whole seconds, so this is exact. */
export function formatEta(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Next table order after a click on a column: the same column flips, a new one starts slowest/A first. */
export function nextSort(
  current: { sort: SiteSort; dir: 'asc' | 'desc' },
  key: SiteSort,
): { sort: SiteSort; dir: 'asc' | 'desc' } {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { sort: key, dir: key === 'firstEta' || key === 'secondEta' ? 'desc' : 'asc' };
}

/**
 * The `turnout` query parameter: edited turnouts of the units switched on that differ from the
 * stored ones, tried live (`{}` when there are none).
 * @example turnoutParam(units, new Set([1, 5]), { 1: 90, 7: 30 }) // { turnout: '1:90' } when unit 1's stored turnout is not 90
 */
export function turnoutParam(
  units: readonly UnitInfo[],
  on: ReadonlySet<number>,
  turnout: Readonly<Record<number, number>>,
): { turnout?: string } {
  const pairs = units
    .filter((u) => on.has(u.id) && turnout[u.id] !== undefined && turnout[u.id] !== u.turnoutS)
    .map((u) => `${u.id}:${turnout[u.id]}`);
  return pairs.length > 0 ? { turnout: pairs.join(',') } : {};
}

/**
 * The changes of a scenario drafted from the toggles: units switched on that are not in service
 * go in service, in-service units switched off are closed, changed turnouts and the clicked units.
 */
export function draftChanges(
  units: readonly UnitInfo[],
  on: ReadonlySet<number>,
  turnout: Readonly<Record<number, number>>,
  hypothetical: readonly HypotheticalUnit[],
): ScenarioChanges {
  const unitStatus: ScenarioChanges['unitStatus'] = [];
  const turnouts: ScenarioChanges['turnout'] = [];
  for (const u of units) {
    const inService = u.status === 'in_service';
    if (on.has(u.id) && !inService) unitStatus.push({ unitId: u.id, status: 'in_service' });
    if (!on.has(u.id) && inService) unitStatus.push({ unitId: u.id, status: 'closed' });
    const t = turnout[u.id];
    if (t !== undefined && t !== u.turnoutS) turnouts.push({ unitId: u.id, turnoutS: t });
  }
  return {
    unitStatus,
    turnout: turnouts,
    hypotheticalUnits: hypothetical.map(({ name, kind, lon, lat, turnoutS, staff }) => ({
      name,
      kind,
      lon,
      lat,
      turnoutS,
      staff,
    })),
  };
}

/** Every unit of the units layer as the toggles list it, by id. */
export function unitsOf(features: readonly Feature[]): UnitInfo[] {
  return features
    .map((f) => {
      const p = f.properties as Props;
      return {
        id: Number(p.id),
        code: String(p.code),
        name: String(p.name),
        kind: p.kind as UnitKind,
        status: String(p.status),
        turnoutS: Number(p.turnoutS),
        staff: Number(p.staff),
      };
    })
    .sort((a, b) => a.id - b.id);
}

/** Names of units by id, the hypothetical ones of a compared scenario included ('h1' …). */
export function unitNamesOf(
  units: readonly UnitInfo[],
  comparison: Comparison | undefined,
): Map<number | string, string> {
  const names = new Map<number | string, string>(units.map((u) => [u.id, u.name]));
  const change = comparison?.change;
  if (change && 'scenario' in change) {
    change.scenario.changes.hypotheticalUnits.forEach((h, i) => {
      names.set(`h${i + 1}`, h.name);
    });
  }
  return names;
}

/** The clicked units of the draft, as points for the draft layer. */
export function draftPointsOf(hypothetical: readonly HypotheticalUnit[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: hypothetical.flatMap((h, i): Feature[] => [
      {
        type: 'Feature',
        id: i,
        properties: { id: i, name: h.name, kind: h.kind, role: 'unit' },
        geometry: { type: 'Point', coordinates: [h.lon, h.lat] },
      },
      ...(h.snap && h.snap.distanceM > 0
        ? [
            {
              type: 'Feature' as const,
              properties: { id: i, role: 'snap', distanceM: h.snap.distanceM },
              geometry: {
                type: 'LineString' as const,
                coordinates: [
                  [h.lon, h.lat],
                  [h.snap.lon, h.snap.lat],
                ],
              },
            },
          ]
        : []),
    ]),
  };
}

/** A refused placement: the clicked spot, the nearest road point and the line between them. */
export function refusedPlacement(p: {
  lon: number;
  lat: number;
  nearest: { lon: number; lat: number } | null;
}): Feature[] {
  const at: Feature = {
    type: 'Feature',
    properties: { role: 'refused' },
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
  };
  if (!p.nearest) return [at];
  return [
    at,
    {
      type: 'Feature',
      properties: { role: 'nearest' },
      geometry: { type: 'Point', coordinates: [p.nearest.lon, p.nearest.lat] },
    },
    {
      type: 'Feature',
      properties: { role: 'refused-line' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [p.lon, p.lat],
          [p.nearest.lon, p.nearest.lat],
        ],
      },
    },
  ];
}

/** The coverage query of the toggles, or undefined while no unit is on. */
export function coverageQueryOf(
  on: ReadonlySet<number> | undefined,
  units: readonly UnitInfo[],
  turnout: Readonly<Record<number, number>>,
  o: {
    mode: Mode;
    teamStandard: number;
    erf: number | undefined;
    threshold: number;
    hypothetical: readonly HypotheticalUnit[];
  },
): CoverageQuery | undefined {
  if ((!on || on.size === 0) && o.hypothetical.length === 0) return undefined;
  return {
    thresholds: thresholds.join(','),
    threshold: String(o.threshold),
    mode: o.mode,
    units: [...(on ?? [])].sort((a, b) => a - b).join(','),
    team_standard: String(o.teamStandard),
    ...(o.erf !== undefined ? { erf: String(o.erf) } : {}),
    ...turnoutParam(units, on ?? new Set(), turnout),
    ...hypotheticalParam(o.hypothetical),
  };
}

/** The site table's query for the same coverage query, scoped, sorted. */
export function sitesQueryOf(
  q: CoverageQuery | undefined,
  o: { scope: 'high_risk_outside' | 'all'; township: string; sort: SiteSort; dir: 'asc' | 'desc' },
): SitesQuery | undefined {
  if (!q) return undefined;
  return {
    ...(q.county ? { county: q.county } : {}),
    units: q.units,
    ...(q.turnout ? { turnout: q.turnout } : {}),
    ...(q.hypothetical ? { hypothetical: q.hypothetical } : {}),
    thresholds: q.thresholds,
    mode: q.mode,
    team_standard: q.team_standard,
    scope: o.scope,
    threshold: q.threshold,
    ...(o.township ? { township: o.township } : {}),
    sort: o.sort,
    dir: o.dir,
  };
}
