/** What every station coverage answer assumes: road speeds, turnouts, standards, off-road legs, cell size. */
import { MICRO_STANDARD_S, RING_SPEED_KMH, STANDARDS_SOURCE, STATION_STANDARD_S } from '../analysis/coverage-standards';
import { ACCESS_SPEED_KMH, OFF_ROAD_SPEED_KMH, SITE_CUTOFF_S } from './station-evaluation';
import { MAX_OFF_ROAD_M, type StationNetwork } from './station-network';
import type { ConsideredUnit } from './station-units';

export function stationAssumptions(
  network: StationNetwork,
  units: ConsideredUnit[],
  cellM: number,
  teamStandardS: number,
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
      township_team: teamStandardS,
      source: STANDARDS_SOURCE,
    },
    offRoadSpeedKmh: OFF_ROAD_SPEED_KMH,
    maxOffRoadM: MAX_OFF_ROAD_M,
    unitAccessSpeedKmh: ACCESS_SPEED_KMH,
    cellM,
    siteCutoffS: SITE_CUTOFF_S,
    ringSpeedKmh: RING_SPEED_KMH,
    note: 'Times = turnout + yard-to-road at the access speed + road network at class speeds + off-road leg at the off-road speed; cells and sites farther than maxOffRoadM from any road are not covered.',
  };
}
