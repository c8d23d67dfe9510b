/**
 * How the in-process road graph scales past one county (docs/scaling.md): the 48k-edge bench
 * county (../shared/data/bench-county) tiled 1×1, 2×2 and 4×4 — synthetic, ×1 / ×4 / ×16 the
 * edges, each tile shifted by its own width and joined to its neighbours where their border
 * nodes face each other — then for each size: graph build time, the graph's typed-array
 * bytes (what a process holds per county graph), one all-stations reach ≤ 900 s (4 stations per tile, the
 * coverage answer's search) and one single-station reach ≤ 900 s (a fire call's search, which
 * does not grow with the graph). Medians of 5; prints, never asserts.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { RoadGraph } from '../../server/analysis/csr-graph';
import { dijkstra } from '../../server/analysis/dijkstra';
import { type EdgeTableEdge, type EdgeTableNode, graphFromEdgeTable } from '../../server/analysis/edge-table';
import { medianMs } from './stats';

const DIR = join(process.cwd(), '../shared/data/bench-county');
const RUNS = 5;

function csv(name: string): Record<string, string>[] {
  const [head = '', ...lines] = readFileSync(join(DIR, name), 'utf8').trim().split('\n');
  const keys = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));
}

interface County {
  nodes: EdgeTableNode[];
  edges: EdgeTableEdge[];
  stations: number[];
}

/** k×k copies of the county; border nodes within 1e-4° of a shifted copy's border node are joined. */
function tiled(base: County, k: number): County {
  const lons = base.nodes.map((n) => n.lon);
  const lats = base.nodes.map((n) => n.lat);
  const w = Math.max(...lons) - Math.min(...lons);
  const h = Math.max(...lats) - Math.min(...lats);
  const idSpan = Math.max(...base.nodes.map((n) => n.id)) + 1;
  const edgeSpan = Math.max(...base.edges.map((e) => e.id)) + 1;
  const nodes: EdgeTableNode[] = [];
  const edges: EdgeTableEdge[] = [];
  const stations: number[] = [];
  // Nodes on the east and north borders, to join to the next tile's west and south borders.
  const minLon = Math.min(...lons);
  const minLat = Math.min(...lats);
  const east = base.nodes.filter((n) => n.lon > minLon + w - 0.002);
  const west = base.nodes.filter((n) => n.lon < minLon + 0.002);
  const north = base.nodes.filter((n) => n.lat > minLat + h - 0.002);
  const south = base.nodes.filter((n) => n.lat < minLat + 0.002);
  let extraId = edgeSpan * k * k;
  const join = (a: EdgeTableNode[], b: EdgeTableNode[], ta: number, tb: number, axis: 'lat' | 'lon') => {
    // Pair border nodes by their position along the border; a 30 s link for each of the first 20.
    const sa = [...a].sort((x, y) => x[axis] - y[axis]);
    const sb = [...b].sort((x, y) => x[axis] - y[axis]);
    const step = Math.max(1, Math.floor(Math.min(sa.length, sb.length) / 20));
    for (let i = 0; i < Math.min(sa.length, sb.length); i += step) {
      edges.push({
        id: extraId++,
        source: (sa[i] as EdgeTableNode).id + ta * idSpan,
        target: (sb[i] as EdgeTableNode).id + tb * idSpan,
        cost: 30,
        reverseCost: 30,
        lengthM: 300,
      });
    }
  };
  for (let tx = 0; tx < k; tx++) {
    for (let ty = 0; ty < k; ty++) {
      const t = tx * k + ty;
      for (const n of base.nodes) nodes.push({ id: n.id + t * idSpan, lon: n.lon + tx * w, lat: n.lat + ty * h });
      for (const e of base.edges) {
        edges.push({ ...e, id: e.id + t * edgeSpan, source: e.source + t * idSpan, target: e.target + t * idSpan });
      }
      for (const s of base.stations) stations.push(s + t * idSpan);
      if (tx + 1 < k) join(east, west, t, t + k, 'lat');
      if (ty + 1 < k) join(north, south, t, t + 1, 'lon');
    }
  }
  return { nodes, edges, stations };
}

function graphBytes(g: RoadGraph): number {
  return Object.values(g).reduce(
    (sum: number, v) => sum + (ArrayBuffer.isView(v) ? (v as ArrayBufferView).byteLength : 0),
    0,
  );
}

export async function run(): Promise<void> {
  const base: County = {
    nodes: csv('nodes.csv').map((r) => ({ id: Number(r.id), lon: Number(r.lon), lat: Number(r.lat) })),
    edges: csv('edges.csv').map((r) => ({
      id: Number(r.id),
      source: Number(r.source),
      target: Number(r.target),
      cost: Number(r.cost),
      reverseCost: Number(r.reverse_cost),
      lengthM: Number(r.length_m),
    })),
    stations: csv('stations.csv').map((r) => Number(r.node_id)),
  };
  console.log(
    `bench county tiled; medians of ${RUNS}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const k of [1, 2, 4]) {
    const county = tiled(base, k);
    let graph = graphFromEdgeTable(county.nodes, county.edges);
    const buildMs = await medianMs(RUNS, () => {
      graph = graphFromEdgeTable(county.nodes, county.edges);
    });
    const index = new Map(Array.from(graph.nodeId, (id, i) => [id, i]));
    const seeds = county.stations.map((id, s) => ({ node: index.get(id) as number, startS: 60, source: s }));
    for (let i = 0; i < 5; i++) dijkstra(graph, seeds, { cutoffS: 900 });
    const allMs = await medianMs(RUNS, () => dijkstra(graph, seeds, { cutoffS: 900, secondDue: true }));
    const oneMs = await medianMs(RUNS, () => dijkstra(graph, seeds.slice(0, 1), { cutoffS: 900 }));
    console.log(
      `×${k * k}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges, ${county.stations.length} stations — ` +
        `build ${buildMs.toFixed(0)} ms, typed arrays ${(graphBytes(graph) / 1e6).toFixed(1)} MB` +
        '; ' +
        `all stations ≤ 900 s with second due ${allMs.toFixed(1)} ms; one station ≤ 900 s ${oneMs.toFixed(2)} ms`,
    );
  }
}
