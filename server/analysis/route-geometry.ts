/**
 * A traced route as a line on the map: the unit, its road position, the edge pieces in order,
 * the scene's road position and the scene — in the graph's projection, turned back to lon/lat.
 */
import type { RoadGraph } from './csr-graph';
import type { RouteStep } from './route-trace';

type XY = [number, number];

/** The vertices of edge e between two fractions of its length, in the order asked. */
export function edgePiece(graph: RoadGraph, e: number, from: number, to: number): XY[] {
  const first = graph.geomStart[e] as number;
  const last = (graph.geomStart[e + 1] as number) - 1;
  const along: number[] = [0];
  for (let i = first + 1; i <= last; i++) {
    const dx = (graph.geomX[i] as number) - (graph.geomX[i - 1] as number);
    const dy = (graph.geomY[i] as number) - (graph.geomY[i - 1] as number);
    along.push((along.at(-1) as number) + Math.hypot(dx, dy));
  }
  const total = along.at(-1) as number;
  const at = (f: number): XY => {
    const m = f * total;
    for (let i = 1; i < along.length; i++) {
      if ((along[i] as number) >= m || i === along.length - 1) {
        const a = along[i - 1] as number;
        const span = (along[i] as number) - a;
        const r = span > 0 ? Math.min(1, Math.max(0, (m - a) / span)) : 0;
        const x0 = graph.geomX[first + i - 1] as number;
        const y0 = graph.geomY[first + i - 1] as number;
        return [x0 + r * ((graph.geomX[first + i] as number) - x0), y0 + r * ((graph.geomY[first + i] as number) - y0)];
      }
    }
    return [graph.geomX[first] as number, graph.geomY[first] as number];
  };
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const inner: XY[] = [];
  for (let i = 1; i < along.length - 1; i++) {
    const f = total > 0 ? (along[i] as number) / total : 0;
    if (f > lo && f < hi) inner.push([graph.geomX[first + i] as number, graph.geomY[first + i] as number]);
  }
  const piece = [at(lo), ...inner, at(hi)];
  return from <= to ? piece : piece.reverse();
}

/** lon/lat line of a route from the unit's point through its steps to the scene point. */
export function routeLine(graph: RoadGraph, unit: XY, steps: readonly RouteStep[], scene: XY): XY[] {
  const xy: XY[] = [graph.projection.forward(unit[0], unit[1])];
  for (const s of steps) xy.push(...edgePiece(graph, s.edge, s.fromFraction, s.toFraction));
  xy.push(graph.projection.forward(scene[0], scene[1]));
  const out: XY[] = [];
  for (const p of xy) {
    const last = out.at(-1);
    if (last && Math.abs(last[0] - p[0]) < 1e-6 && Math.abs(last[1] - p[1]) < 1e-6) continue;
    out.push(p);
  }
  return out.map(([x, y]) => {
    const [lon, lat] = graph.projection.inverse(x, y);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  });
}
