/**
 * What every station coverage answer assumes, each figure with its source in docs/standards.md:
 * road speeds by class, turnouts, standards, the off-road leg, cell size, which units are considered.
 */
import { MICRO_STANDARD_S, RING_SPEED_KMH, STANDARDS_SOURCE, STATION_STANDARD_S } from '../analysis/coverage-standards';
import { ACCESS_SPEED_KMH, type OffRoad, SITE_CUTOFF_S } from './station-evaluation';
import type { StationNetwork } from './station-network';
import type { ConsideredUnit } from './station-units';

const SOURCES = {
  speeds:
    'docs/standards.md §3: assumption (no Chinese standard), after the OSRM car profile and the RAND/ISO model; editable in road_classes',
  turnout:
    'docs/standards.md §1: each unit’s turnout_s (default 60 s, the customary 1 + 4 min split of the 5-minute rule)',
  offRoad:
    'docs/standards.md §3: assumption — the last leg driven on unmapped lanes at the OSRM car profile’s service speed (15 km/h); the limit twice ArcGIS Service Area’s 100 m polygon trim, ten 20 m hose lengths; query off_road_speed, off_road_max',
  cell: 'docs/standards.md §3: 100 m grid (DESIGN.md § Analysis); query cell',
  units:
    'docs/standards.md §1: units in service (the baseline), or the selection, scenario and hypothetical units of the query',
} as const;

export function stationAssumptions(
  network: StationNetwork,
  units: ConsideredUnit[],
  o: { cellM: number; teamStandardS: number; offRoad: OffRoad },
) {
  return {
    speedsKmh: network.speeds.map((s) => ({
      class: s.class,
      nameZh: s.nameZh,
      speedKmh: s.speedKmh,
      source: s.source,
    })),
    turnoutS: units.map((u) => ({ unitId: u.id, code: u.code, kind: u.kind, turnoutS: u.turnoutS })),
    standardsS: {
      station: STATION_STANDARD_S,
      micro_station: MICRO_STANDARD_S,
      township_team: o.teamStandardS,
      source: STANDARDS_SOURCE,
    },
    offRoadSpeedKmh: o.offRoad.speedKmh,
    maxOffRoadM: o.offRoad.maxM,
    unitAccessSpeedKmh: ACCESS_SPEED_KMH,
    cellM: o.cellM,
    siteCutoffS: SITE_CUTOFF_S,
    ringSpeedKmh: RING_SPEED_KMH,
    unitsConsidered: {
      total: units.length,
      byKind: Object.fromEntries(
        [...new Set(units.map((u) => u.kind))].sort().map((k) => [k, units.filter((u) => u.kind === k).length]),
      ),
      hypothetical: units.filter((u) => u.hypothetical).length,
    },
    sources: SOURCES,
    note: 'Times = turnout + yard-to-road at the access speed + road network at class speeds + off-road leg at the off-road speed; cells and sites farther than maxOffRoadM from every road have no road access (their own class, never a gap). Site ETAs are whole seconds, compared with the threshold as shown.',
  };
}
