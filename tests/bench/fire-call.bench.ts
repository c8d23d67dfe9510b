/**
 * The fire call (issue 14) on the demo county (PGlite from the test template), warm graph:
 *
 * - the whole GET /api/fire-call answer for 舞阳县和丰医院 and for sampled sites (service call,
 *   PGlite reads included), and its units part alone (placement, one reversed search from the
 *   scene, every unit's ETA, the first three routes traced);
 * - the alternative the issue names — one forward search per unit to 3600 s (what reusing the
 *   units' forward searches would cost to build, per change of the unit set);
 * - with BENCH_DATABASE_URL (a scratch PostgreSQL with PostGIS + pgRouting, never the test
 *   database): pgr_dijkstra from the same units (one virtual root per unit, joined to its seeds
 *   at their start times) to the same point (one virtual sink joined from the scene's seeds at
 *   theirs), in the same run, with the agreement of the ETAs.
 *
 * Prints medians; never asserts a time. A scratch database, e.g. (the test role may CREATEDB):
 *   psql postgres://fireatlas:fireatlas@127.0.0.1:5432/postgres -c 'CREATE DATABASE fa_bench_fc TEMPLATE template_postgis'
 *   BENCH_DATABASE_URL=postgres://fireatlas:fireatlas@127.0.0.1:5432/fa_bench_fc npm run bench -- fire-call
 */
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '../../db/client';
import { stationUnits } from '../../db/queries/station-coverage';
import { dijkstra } from '../../server/analysis/dijkstra';
import { sceneSeeds } from '../../server/analysis/fire-call-eta';
import { placeUnits } from '../../server/analysis/place-units';
import type { Actor } from '../../server/auth/actor';
import { fireCall } from '../../server/services/fire-call';
import { scenePositions, unitArrivals } from '../../server/services/fire-call-units';
import { ACCESS_SPEED_KMH, OFF_ROAD_SPEED_KMH } from '../../server/services/station-evaluation';
import { MAX_OFF_ROAD_M, type StationNetwork, stationNetwork } from '../../server/services/station-network';
import { type ConsideredUnit, selectUnits } from '../../server/services/station-units';
import { openDemoDb } from './demo-db';
import { pgrEdgeTable } from './demo-pgrouting';
import { medianMs, ratio } from './stats';

const RUNS = 21;
const WARMUP = 5;
const actor: Actor = {
  userId: 0,
  username: 'bench',
  role: 'brigade',
  township: null,
  mustChangePassword: false,
  mustEnrollTotp: false,
  sessionHash: '',
};

async function timed(label: string, fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms = await medianMs(RUNS, fn);
  console.log(`  ${label}: median ${ms.toFixed(2)} ms`);
  return ms;
}

export async function run(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores; medians of ${RUNS} after ${WARMUP} warm-up calls`,
  );
  const db = await openDemoDb();
  try {
    await bench(db);
  } finally {
    await db.close();
  }
}

async function bench(db: Db): Promise<void> {
  const { network } = await stationNetwork(db);
  console.log(
    `graph: ${network.graph.nodeCount} nodes, ${network.graph.edgeCount} edges; ${network.sites.length} sites`,
  );
  const units = selectUnits(await stationUnits(db), { kind: 'in_service' }, false);
  const site = await db.one<{ id: number; lon: number; lat: number }>(
    sql`SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sites WHERE name = '舞阳县和丰医院' ORDER BY id LIMIT 1`,
  );
  const opts = { site: site.id, units: 'available' as const, waterRadius: 500 };
  const answer = await fireCall(db, opts, actor, Date.now());
  console.log(`舞阳县和丰医院: ${answer.text}`);
  const wholeMs = await timed('whole answer, 舞阳县和丰医院 (GET /api/fire-call service, PGlite reads included)', () =>
    fireCall(db, opts, actor, Date.now()),
  );
  const samples = network.sites.filter((_, i) => i % 1000 === 3);
  let k = 0;
  await timed(`whole answer, ${samples.length} sampled sites in turn`, () => {
    const s = samples[k++ % samples.length] as (typeof samples)[number];
    return fireCall(db, { site: s.id, units: 'available', waterRadius: 500 }, actor, Date.now());
  });
  const unitsMs = await timed(
    `units part alone (${units.length} units: placement, reversed search, ETAs, routes)`,
    () => unitArrivals(network, units, site.lon, site.lat),
  );
  const forwardMs = await timed(`alternative: one forward search per unit to 3600 s (${units.length} searches)`, () =>
    forwardPerUnit(network, units),
  );
  console.log(`  reversed search vs per-unit forward searches: ${ratio(forwardMs, unitsMs)} faster`);

  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log('  (BENCH_DATABASE_URL not set: no pgRouting anchor in this run)');
    return;
  }
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await pg`SET jit = off`;
    await pgrEdgeTable(pg, network.graph);
    const placed = placeUnits(network.index, units, { maxOffRoadM: MAX_OFF_ROAD_M, accessSpeedKmh: ACCESS_SPEED_KMH });
    const seeds = sceneSeeds(network.graph, scenePositions(network, site.lon, site.lat), OFF_ROAD_SPEED_KMH);
    const ROOT = 1_000_000_000;
    const SINK = 1_500_000_000;
    const virtual = [
      ...placed.seeds.map(
        (s, i) => `(${2 * ROOT + i}, ${ROOT + s.source}, ${s.node + 1}, ${s.startS}::float8, -1::float8)`,
      ),
      ...seeds.map((s, i) => `(${3 * ROOT + i}, ${s.node + 1}, ${SINK}, ${s.startS}::float8, -1::float8)`),
    ];
    const edges = `SELECT id, source, target, cost, reverse_cost FROM demo_edges
      UNION ALL SELECT * FROM (VALUES ${virtual.join(', ')}) v(id, source, target, cost, reverse_cost)`;
    const roots = [...new Set(placed.seeds.map((s) => ROOT + s.source))];
    const query = () =>
      pg<{ start_vid: string; agg_cost: number }[]>`
        SELECT start_vid, agg_cost FROM pgr_dijkstra(${edges}, ${roots}::bigint[], ${SINK}::bigint, directed => true)
        WHERE edge = -1`;
    const pgMs = await timed(`pgr_dijkstra, the same ${roots.length} units to the same point (PostgreSQL)`, query);
    const rows = await query();
    const { arrivals } = unitArrivals(network, units, site.lon, site.lat);
    let maxDiff = 0;
    let compared = 0;
    let sameEdge = 0;
    for (const r of rows) {
      const a = arrivals[Number(r.start_vid) - ROOT];
      if (!a || !Number.isFinite(a.etaS)) continue;
      // a unit on the scene's own edge goes straight along it, with no node for pgRouting to end at
      if (a.route?.steps.length === 1) {
        sameEdge++;
        continue;
      }
      maxDiff = Math.max(maxDiff, Math.abs(a.etaS - Number(r.agg_cost)));
      compared++;
    }
    console.log(
      `  agreement: ${compared} unit ETAs, max |Δ| ${maxDiff.toExponential(1)} s (${sameEdge} on the scene's own edge, not compared)`,
    );
    console.log(
      `  whole answer ${wholeMs.toFixed(1)} ms vs pgr_dijkstra alone ${pgMs.toFixed(1)} ms (${ratio(pgMs, wholeMs)}); units part ${ratio(pgMs, unitsMs)} faster than pgr_dijkstra`,
    );
  } finally {
    await pg.end();
  }
}

function forwardPerUnit(network: StationNetwork, units: ConsideredUnit[]): void {
  const placed = placeUnits(network.index, units, { maxOffRoadM: MAX_OFF_ROAD_M, accessSpeedKmh: ACCESS_SPEED_KMH });
  for (let u = 0; u < units.length; u++) {
    dijkstra(
      network.graph,
      placed.seeds.filter((s) => s.source === u),
      { cutoffS: 3600 },
    );
  }
}
