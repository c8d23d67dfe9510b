/**
 * A unit's route to the scene from the reversed search's labels (fire-call-eta.ts): from the
 * node the unit enters at, each step takes the forward arc whose cost plus the next node's time
 * to the scene equals this node's time — the shortest-path tree's predecessor, read back — until
 * the scene position's own seed. Steps carry their seconds, so a route's steps add up to its ETA.
 */
import type { RoadGraph } from './csr-graph';
import type { Reach, Seed } from './dijkstra';
import type { ScenePositions, UnitWay } from './fire-call-eta';
import type { Placement } from './place-units';

/** A piece of one edge, from one fraction to another, and the seconds it takes. */
export interface RouteStep {
  edge: number;
  fromFraction: number;
  toFraction: number;
  timeS: number;
}

export interface TracedRoute {
  /** Turnout and yard-to-road (the placement's start time). */
  startS: number;
  steps: RouteStep[];
  /** The off-road leg at the scene. */
  offRoadS: number;
}

/**
 * @example
 * const route = traceRoute(graph, reach, sceneSeeds, scene, placements[way.placement], way, 5);
 * route.startS + sum(route.steps.map((s) => s.timeS)) + route.offRoadS; // the unit's ETA
 */
export function traceRoute(
  graph: RoadGraph,
  reach: Reach,
  seeds: readonly Seed[],
  scene: ScenePositions,
  placement: Placement,
  way: UnitWay,
  offRoadSpeedKmh: number,
): TracedRoute {
  const offRoadSpm = 3.6 / offRoadSpeedKmh;
  const p = placement;
  const forward = graph.edgeForwardS[p.edge] as number;
  const backward = graph.edgeBackwardS[p.edge] as number;
  if (way.kind === 'edge') {
    const f = scene.fraction[way.position] as number;
    const timeS = f >= p.fraction ? (f - p.fraction) * forward : (p.fraction - f) * backward;
    return {
      startS: p.startS,
      steps: [{ edge: p.edge, fromFraction: p.fraction, toFraction: f, timeS }],
      offRoadS: (scene.distanceM[way.position] as number) * offRoadSpm,
    };
  }
  const ahead = way.node === (graph.edgeTarget[p.edge] as number) && forward < Infinity;
  const steps: RouteStep[] = [
    ahead
      ? { edge: p.edge, fromFraction: p.fraction, toFraction: 1, timeS: (1 - p.fraction) * forward }
      : { edge: p.edge, fromFraction: p.fraction, toFraction: 0, timeS: p.fraction * backward },
  ];
  const k = reach.source[way.node] as number;
  const ends = seeds.filter((s) => s.source === k);
  let v = way.node;
  for (let guard = 0; guard < graph.nodeCount; guard++) {
    const t = reach.timeS[v] as number;
    const end = ends.find((s) => s.node === v && s.startS === t);
    if (end) {
      const e = scene.edge[k] as number;
      const f = scene.fraction[k] as number;
      const fromSource = v === (graph.edgeSource[e] as number) && end.startS === t;
      const along = fromSource && (graph.edgeForwardS[e] as number) < Infinity;
      steps.push({
        edge: e,
        fromFraction: along ? 0 : 1,
        toFraction: f,
        timeS: along ? f * (graph.edgeForwardS[e] as number) : (1 - f) * (graph.edgeBackwardS[e] as number),
      });
      return { startS: p.startS, steps, offRoadS: (scene.distanceM[k] as number) * offRoadSpm };
    }
    let best = -1;
    let bestGap = Infinity;
    for (let a = graph.firstArc[v] as number; a < (graph.firstArc[v + 1] as number); a++) {
      const w = graph.arcHead[a] as number;
      const gap = Math.abs((reach.timeS[w] as number) + (graph.arcCost[a] as number) - t);
      if (gap < bestGap && (reach.source[w] as number) === k) {
        bestGap = gap;
        best = a;
      }
      if (gap === 0 && (reach.source[w] as number) === k) break;
    }
    if (best < 0) throw new Error(`route trace: no predecessor at node ${v}`);
    const e = graph.arcEdge[best] as number;
    const forwardArc =
      (graph.edgeSource[e] as number) === v && (graph.edgeForwardS[e] as number) === graph.arcCost[best];
    steps.push({
      edge: e,
      fromFraction: forwardArc ? 0 : 1,
      toFraction: forwardArc ? 1 : 0,
      timeS: graph.arcCost[best] as number,
    });
    v = graph.arcHead[best] as number;
  }
  throw new Error('route trace: no end');
}
