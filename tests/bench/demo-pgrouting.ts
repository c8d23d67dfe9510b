/**
 * pgRouting on exactly the graph the server routes on: the CSR graph's edges as a TEMP edge
 * table (vertex = node index + 1, cost = seconds, -1 where one-way closes the way), units
 * entering through virtual roots joined to their seed nodes at the seeds' start times.
 */
import type postgres from 'postgres';
import type { RoadGraph } from '../../server/analysis/csr-graph';
import type { Reach, Seed } from '../../server/analysis/dijkstra';

/** Virtual roots are numbered from here (above every node's vertex id). */
const ROOT = 1_000_000_000;

export async function pgrEdgeTable(sql: postgres.Sql, graph: RoadGraph): Promise<void> {
  await sql`DROP TABLE IF EXISTS demo_edges`;
  await sql`CREATE TEMP TABLE demo_edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8)`;
  const rows = Array.from({ length: graph.edgeCount }, (_, e) => ({
    id: e + 1,
    source: (graph.edgeSource[e] as number) + 1,
    target: (graph.edgeTarget[e] as number) + 1,
    cost: finiteOr(graph.edgeForwardS[e] as number),
    reverse_cost: finiteOr(graph.edgeBackwardS[e] as number),
  }));
  for (let i = 0; i < rows.length; i += 5_000) await sql`INSERT INTO demo_edges ${sql(rows.slice(i, i + 5_000))}`;
  await sql`ANALYZE demo_edges`;
}

const finiteOr = (s: number) => (Number.isFinite(s) ? s : -1);

export interface PgrSeeds {
  seeds: Seed[];
  /** One root per unit (one search each) instead of a single root joined to every seed. */
  perUnit: boolean;
}

/** Node times (cheapest row per node, equicost => false) as { node: vertex id, t }. */
export async function pgrReach(
  sql: postgres.Sql,
  { seeds, perUnit }: PgrSeeds,
  cutoffS: number,
): Promise<{ node: number; t: number }[]> {
  const root = (s: Seed) => (perUnit ? ROOT + s.source : ROOT);
  const virtual = seeds
    .map((s, i) => `(${ROOT * 2 + i}, ${root(s)}, ${s.node + 1}, ${s.startS}::float8, -1::float8)`)
    .join(', ');
  const edges = `SELECT id, source, target, cost, reverse_cost FROM demo_edges
    UNION ALL SELECT * FROM (VALUES ${virtual}) v(id, source, target, cost, reverse_cost)`;
  const roots = [...new Set(seeds.map(root))];
  const rows = await sql<{ node: string; t: number }[]>`
    SELECT node, min(agg_cost) AS t
    FROM pgr_drivingDistance(${edges}, ${roots}::bigint[], ${cutoffS}::float8, directed => true, equicost => false)
    WHERE node < ${ROOT} GROUP BY node`;
  return rows.map((r) => ({ node: Number(r.node), t: Number(r.t) }));
}

/** Same node set and node times (to 1e-6 s) as ours? */
export function sameReach(graph: RoadGraph, reach: Reach, rows: { node: number; t: number }[]): string {
  let ours = 0;
  for (let v = 0; v < graph.nodeCount; v++) if ((reach.timeS[v] as number) <= reach.cutoffS) ours++;
  let missing = 0;
  let maxDiff = 0;
  for (const r of rows) {
    const t = reach.timeS[r.node - 1] as number;
    if (!(t <= reach.cutoffS)) missing++;
    else maxDiff = Math.max(maxDiff, Math.abs(t - r.t));
  }
  const extra = ours - (rows.length - missing);
  const same = missing === 0 && extra === 0 && maxDiff <= 1e-6;
  return `agreement: ${same ? 'identical' : 'DIFFERENT'} (${rows.length} vs ${ours} nodes, ${missing} only pgRouting, ${extra} only ours, max |Δt| ${maxDiff.toExponential(1)} s)`;
}
