/**
 * Road-network reach on the 48k-edge bench county (../shared/data/bench-county): our
 * typed-array Dijkstra against pgr_drivingDistance on the same edge table in the same run
 * when BENCH_DATABASE_URL names a PostgreSQL with pgRouting, else against the reference
 * times in the data's README. Then the full coverage answer (surface, isochrones, per-site
 * first/second due) for the county. Medians of 7; prints, never asserts a time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import type { RoadGraph } from '../../server/analysis/csr-graph';
import { dijkstra, type Reach } from '../../server/analysis/dijkstra';
import { type EdgeTableEdge, graphFromEdgeTable } from '../../server/analysis/edge-table';
import { isochrones } from '../../server/analysis/isochrones';
import { placeUnits } from '../../server/analysis/place-units';
import { responseSurface, surfaceGrid } from '../../server/analysis/response-surface';
import { accessLists, accessTimes } from '../../server/analysis/road-access';
import { segmentIndex } from '../../server/analysis/snap';
import { medianMs, ratio } from './stats';

const DIR = join(process.cwd(), '../shared/data/bench-county');
const RUNS = 7;
const WARMUP = 20;

/** pgRouting medians from the data's README (2 cores, PostgreSQL 15, pgRouting 3.4, JIT off). */
const README_PGROUTING_MS: Record<string, number> = {
  '4 stations ≤ 600 s': 38.2,
  '4 stations ≤ 1200 s': 64.6,
  'station 1 ≤ 300 s': 32.6,
};

function csv(name: string): Record<string, string>[] {
  const [head = '', ...lines] = readFileSync(join(DIR, name), 'utf8').trim().split('\n');
  const keys = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], v])));
}

export async function run(): Promise<void> {
  const nodes = csv('nodes.csv').map((r) => ({ id: Number(r.id), lon: Number(r.lon), lat: Number(r.lat) }));
  const edges: EdgeTableEdge[] = csv('edges.csv').map((r) => ({
    id: Number(r.id),
    source: Number(r.source),
    target: Number(r.target),
    cost: Number(r.cost),
    reverseCost: Number(r.reverse_cost),
    lengthM: Number(r.length_m),
  }));
  const stations = csv('stations.csv').map((r) => ({
    nodeId: Number(r.node_id),
    lon: Number(r.lon),
    lat: Number(r.lat),
  }));
  const sites = csv('sites.csv').map((r) => [Number(r.lon), Number(r.lat)] as const);

  const t0 = performance.now();
  const graph = graphFromEdgeTable(nodes, edges);
  console.log(
    `graph: ${graph.nodeCount} nodes, ${graph.edgeCount} edges, components ${graph.componentSizes.length}, built in ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const nodeIndex = new Map(Array.from(graph.nodeId, (id, i) => [id, i]));
  const seed = (k: number) => ({ node: nodeIndex.get(stations[k]?.nodeId ?? -1) as number, startS: 0, source: k });
  const cases = [
    { name: '4 stations ≤ 600 s', roots: [0, 1, 2, 3], cutoffS: 600 },
    { name: '4 stations ≤ 1200 s', roots: [0, 1, 2, 3], cutoffS: 1200 },
    { name: 'station 1 ≤ 300 s', roots: [0], cutoffS: 300 },
  ];
  const url = process.env.BENCH_DATABASE_URL;
  const sql = url ? postgres(url, { max: 1, onnotice: () => {}, connection: { jit: 'off' } }) : null;
  try {
    if (sql) await loadEdges(sql, edges);
    else
      console.log('BENCH_DATABASE_URL not set: the anchor is the README’s pgRouting median, not measured in this run');
    for (const c of cases) {
      const seeds = c.roots.map(seed);
      let reach = dijkstra(graph, seeds, { cutoffS: c.cutoffS });
      for (let i = 0; i < WARMUP; i++) dijkstra(graph, seeds, { cutoffS: c.cutoffS }); // JIT-compiled, as a server's would be
      const oursMs = await medianMs(RUNS, () => {
        reach = dijkstra(graph, seeds, { cutoffS: c.cutoffS });
      });
      let anchorMs = README_PGROUTING_MS[c.name] as number;
      let agreement = '';
      if (sql) {
        const roots = c.roots.map((k) => stations[k]?.nodeId as number);
        let rows: { node: string; agg_cost: number }[] = [];
        anchorMs = await medianMs(RUNS, async () => {
          rows = await sql`
            SELECT node, min(agg_cost) AS agg_cost
            FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM bench_edges',
                                     ${roots}::bigint[], ${c.cutoffS}, directed => true, equicost => false)
            GROUP BY node`;
        });
        agreement = compare(graph, reach, rows);
      }
      console.log(
        `reach ${c.name}: ${reach.reachedCount} nodes, ours ${oursMs.toFixed(2)} ms, pgRouting ${anchorMs.toFixed(1)} ms ` +
          `(${sql ? 'this run' : 'README'}), ${ratio(anchorMs, oursMs)} faster${agreement}`,
      );
    }
  } finally {
    await sql?.end();
  }
  fullAnswer(graph, stations, sites);
}

async function loadEdges(sql: postgres.Sql, edges: EdgeTableEdge[]): Promise<void> {
  await sql`CREATE TEMP TABLE bench_edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8)`;
  const rows = edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    cost: e.cost,
    reverse_cost: e.reverseCost,
  }));
  for (let i = 0; i < rows.length; i += 10_000) await sql`INSERT INTO bench_edges ${sql(rows.slice(i, i + 10_000))}`;
}

/** Same node set, same times (to 1e-6 s) as pgRouting's cheapest row per node? */
function compare(graph: RoadGraph, reach: Reach, rows: { node: string; agg_cost: number }[]): string {
  const ours = new Map<number, number>();
  reach.timeS.forEach((t, i) => {
    if (t < Infinity) ours.set(graph.nodeId[i] as number, t);
  });
  let missing = 0;
  let maxDiff = 0;
  for (const row of rows) {
    const t = ours.get(Number(row.node));
    if (t === undefined) missing++;
    else maxDiff = Math.max(maxDiff, Math.abs(t - Number(row.agg_cost)));
  }
  const extra = ours.size - (rows.length - missing);
  const same = missing === 0 && extra === 0 && maxDiff <= 1e-6;
  return `; agreement with pgRouting: ${same ? 'identical' : 'DIFFERENT'} (${rows.length} vs ${ours.size} nodes, ${missing} only there, ${extra} only ours, max |Δt| ${maxDiff.toExponential(1)} s)`;
}

/** Surface over the county's bbox, isochrones 3/5/10/15 min (dissolve + split), first/second due for every site. */
function fullAnswer(
  graph: RoadGraph,
  stations: { lon: number; lat: number }[],
  sites: (readonly [number, number])[],
): void {
  const meta = JSON.parse(readFileSync(join(DIR, 'meta.json'), 'utf8')) as { bbox: Record<string, number> };
  const { lonMin = 0, latMin = 0, lonMax = 0, latMax = 0 } = meta.bbox;
  const area = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lonMin, latMin],
        [lonMax, latMin],
        [lonMax, latMax],
        [lonMin, latMax],
        [lonMin, latMin],
      ],
    ],
  };
  let t0 = performance.now();
  const index = segmentIndex(graph);
  const grid = surfaceGrid(index, area);
  const siteXY = sites.map(([lon, lat]) => graph.projection.forward(lon, lat));
  const siteAccess = accessLists(
    index,
    siteXY.map((p) => p[0]),
    siteXY.map((p) => p[1]),
    grid.access.radiusM,
  );
  console.log(
    `precompute once per graph (segment index, ${grid.cells.length} cells, ${sites.length} sites): ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const units = stations.map((s) => ({ lon: s.lon, lat: s.lat, turnoutS: 60 }));
  const step = { reach: 0, surface: 0, polygons: 0, sites: 0 };
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    const placed = placeUnits(index, units);
    const reach = dijkstra(graph, placed.seeds, { cutoffS: 900, secondDue: true });
    const t1 = performance.now();
    const surface = responseSurface(grid, reach, placed.placements);
    const t2 = performance.now();
    const dissolve = isochrones(grid, { mode: 'dissolve', surface });
    const split = isochrones(grid, { mode: 'split', surface });
    const t3 = performance.now();
    const due = accessTimes(graph, siteAccess, reach, placed.placements, 5);
    const t4 = performance.now();
    times.push(t4 - t0);
    Object.assign(step, { reach: t1 - t0, surface: t2 - t1, polygons: t3 - t2, sites: t4 - t3 });
    const within5 = due.timeS.filter((t) => t <= 300).length;
    summary = `5-min area ${dissolve.features[1]?.properties.areaKm2} km², ${split.features.length} split polygons, ${within5} of ${sites.length} sites within 5 min`;
  }
  times.sort((a, b) => a - b);
  console.log(
    `full answer: median ${times[3]?.toFixed(1)} ms (target < 200 ms); last run: reach+second due ${step.reach.toFixed(1)}, ` +
      `surface ${step.surface.toFixed(1)}, polygons ${step.polygons.toFixed(1)}, per-site ${step.sites.toFixed(1)} ms; ${summary}`,
  );
}
