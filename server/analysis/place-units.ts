/**
 * Units (stations, township teams, micro stations) onto the network: each is snapped to
 * its nearest road position and enters the graph at both ends of that edge (one end only on
 * a one-way road). A unit farther from any road than the allowed distance is returned in
 * `offNetwork` with that distance — reported to the user, never silently dropped.
 */
import type { Seed } from './dijkstra';
import { nearestRoadPosition, type RoadPosition, type SegmentIndex } from './snap';

export interface UnitInput {
  lon: number;
  lat: number;
  /** Turnout time (出动时间), seconds — 1 min customary ("1 + 4 min", docs/standards.md §1). */
  turnoutS: number;
}

export interface PlaceOptions {
  /** Farthest a unit may stand from a road, metres (default 200 — assumption, as the off-road leg). */
  maxOffRoadM?: number;
  /**
   * Speed from the unit's yard to the road, km/h. Default 20: a vehicle on a yard or lane, the
   * slowest road class (urban local 20 km/h, an assumption: docs/standards.md §3) — not the walking off-road speed of the surface.
   */
  accessSpeedKmh?: number;
}

/** A unit on the network; `startS` is when it is at `fraction` along `edge`. */
export interface Placement extends RoadPosition {
  source: number;
  startS: number;
}

export interface Placed {
  placements: Placement[];
  seeds: Seed[];
  /** Units (by index in the input) with no road within maxOffRoadM; null distance on an empty network. */
  offNetwork: { source: number; nearestRoadM: number | null }[];
}

/**
 * @example
 * const { seeds, placements, offNetwork } = placeUnits(index, [{ lon: 113.6, lat: 33.49, turnoutS: 60 }]);
 * const reach = dijkstra(index.graph, seeds, { cutoffS: 900 });
 */
export function placeUnits(index: SegmentIndex, units: readonly UnitInput[], options: PlaceOptions = {}): Placed {
  const maxOffRoadM = options.maxOffRoadM ?? 200;
  const accessMps = (options.accessSpeedKmh ?? 20) / 3.6;
  const { graph } = index;
  const out: Placed = { placements: [], seeds: [], offNetwork: [] };
  units.forEach((unit, source) => {
    const [x, y] = graph.projection.forward(unit.lon, unit.lat);
    const p = nearestRoadPosition(index, x, y);
    if (p === null || p.distanceM > maxOffRoadM) {
      out.offNetwork.push({ source, nearestRoadM: p?.distanceM ?? null });
      return;
    }
    const startS = unit.turnoutS + p.distanceM / accessMps;
    out.placements.push({ ...p, source, startS });
    const forward = graph.edgeForwardS[p.edge] as number;
    const backward = graph.edgeBackwardS[p.edge] as number;
    if (forward < Infinity) {
      out.seeds.push({ node: graph.edgeTarget[p.edge] as number, startS: startS + (1 - p.fraction) * forward, source });
    }
    if (backward < Infinity) {
      out.seeds.push({ node: graph.edgeSource[p.edge] as number, startS: startS + p.fraction * backward, source });
    }
  });
  return out;
}
