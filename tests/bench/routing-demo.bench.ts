/**
 * Station coverage on the demo county (the app's own seeded data: the test template, built
 * in process by tests/helpers/template.ts when missing, opened as an in-memory PGlite). The
 * graph is the server's (stationNetwork), the units are the ones in service, as
 * GET /api/coverage/stations uses them. Medians of RUNS after WARMUP calls:
 *
 * - reach of all in-service units to 900 s (placement + one-label Dijkstra);
 * - surface + isochrones (dissolve, 3/5/10/15 min) + gaps (the service's own gap phase);
 * - per site (15,500): first and second due;
 * - the whole stationCoverage answer (service call, PGlite reads included) and its JSON.
 *
 * With BENCH_DATABASE_URL (a scratch PostgreSQL database with PostGIS + pgRouting — never the
 * test database) the same graph is loaded there as a TEMP edge table and pgr_drivingDistance
 * runs in the same process: once from one virtual root joined to every unit's seeds at the
 * seeds' start times (one search, the way most favourable to pgRouting) and once with one
 * virtual root per unit (as the API test's oracle), with the agreement of the node times.
 * Prints, never asserts a time. A scratch database, e.g.:
 *   su postgres -c "psql -c 'CREATE DATABASE fa_bench_demo OWNER fireatlas'"
 *   su postgres -c "psql -d fa_bench_demo -c 'CREATE EXTENSION postgis; CREATE EXTENSION pgrouting'"
 *   BENCH_DATABASE_URL=postgres://fireatlas:fireatlas@127.0.0.1:5432/fa_bench_demo npm run bench -- routing
 *   su postgres -c "psql -c 'DROP DATABASE fa_bench_demo'"
 */
import { availableParallelism, loadavg } from 'node:os';
import postgres from 'postgres';
import type { Db } from '../../db/client';
import { stationUnits } from '../../db/queries/station-coverage';
import { dijkstra, type Reach, type Seed } from '../../server/analysis/dijkstra';
import { isochrones } from '../../server/analysis/isochrones';
import { placeUnits } from '../../server/analysis/place-units';
import { responseSurface } from '../../server/analysis/response-surface';
import { accessTimes } from '../../server/analysis/road-access';
import { stationCoverage } from '../../server/services/station-coverage';
import { OFF_ROAD_DEFAULTS } from '../../server/services/station-evaluation';
import { countyGrid, dropStationNetwork, MAX_OFF_ROAD_M, stationNetwork } from '../../server/services/station-network';
import { stationSitePage } from '../../server/services/station-site-table';
import { selectUnits } from '../../server/services/station-units';
import { answerAgainstToday } from './coverage-answer';
import { openDemoDb } from './demo-db';
import { type PgrSeeds, pgrEdgeTable, pgrReach, sameReach } from './demo-pgrouting';
import { medianMs, ratio } from './stats';

const RUNS = 15;
const WARMUP = 10;
const CUTOFF_S = 900;
const THRESHOLDS_S = [180, 300, 600, 900];
/** As the service: from the yard to the road at 20 km/h, off-road at the surface default. */
const PLACE = { maxOffRoadM: MAX_OFF_ROAD_M, accessSpeedKmh: 20 };

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
  let t0 = performance.now();
  const db = await openDemoDb();
  console.log(`demo county opened (PGlite from the test template) in ${(performance.now() - t0).toFixed(0)} ms`);
  try {
    await bench(db);
  } finally {
    await db.close();
  }

  async function bench(db: Db): Promise<void> {
    t0 = performance.now();
    const { network } = await stationNetwork(db);
    const cg = countyGrid(network, 100);
    const { graph } = network;
    console.log(
      `graph: ${graph.nodeCount} nodes, ${graph.edgeCount} edges, components ${graph.componentSizes.length}; ` +
        `${network.sites.length} sites, ${cg.grid.cells.length} cells of 100 m; network + grid built in ${(performance.now() - t0).toFixed(0)} ms (once per road change)`,
    );
    const units = selectUnits(await stationUnits(db), { kind: 'in_service' }, false);
    const placed = placeUnits(network.index, units, PLACE);
    console.log(
      `${units.length} units in service (${units.map((u) => u.code).join(' ')}), ${placed.seeds.length} seeds, ${placed.offNetwork.length} off the network`,
    );

    // Reach of all in-service units to 900 s.
    let reach: Reach = dijkstra(graph, placed.seeds, { cutoffS: CUTOFF_S });
    const reachMs = await timed(`reach, ${units.length} units ≤ ${CUTOFF_S} s (placement + Dijkstra)`, () => {
      reach = dijkstra(graph, placeUnits(network.index, units, PLACE).seeds, { cutoffS: CUTOFF_S });
    });
    const searchMs = await timed('  of which the Dijkstra alone (seeds placed beforehand)', () => {
      dijkstra(graph, placed.seeds, { cutoffS: CUTOFF_S });
    });
    console.log(`    ${reach.reachedCount} of ${graph.nodeCount} nodes reached`);

    // Surface + isochrones (dissolve) at the service's own site cutoff and second due.
    const full = dijkstra(graph, placed.seeds, { cutoffS: 3600, secondDue: true });
    const offRoad = OFF_ROAD_DEFAULTS.speedKmh;
    let areas = '';
    const surfaceMs = await timed('surface (100 m cells)', () =>
      responseSurface(cg.grid, full, placed.placements, offRoad),
    );
    const surface = responseSurface(cg.grid, full, placed.placements, offRoad);
    const isoMs = await timed('isochrones dissolve 3/5/10/15 min', () => {
      const iso = isochrones(cg.grid, { mode: 'dissolve', surface }, THRESHOLDS_S);
      areas = iso.features.map((f) => `${f.properties.thresholdS / 60} min ${f.properties.areaKm2} km²`).join(', ');
    });
    console.log(`    ${areas}`);
    let noRoad = 0;
    let within5 = 0;
    const siteMs = await timed(`per site first/second due (${network.sites.length} sites)`, () => {
      const due = accessTimes(graph, network.siteAccess, full, placed.placements, offRoad);
      within5 = due.timeS.filter((t) => t <= 300).length;
      noRoad = due.timeS.filter((t) => !Number.isFinite(t)).length;
    });
    console.log(
      `    ${within5} sites within 5 min, ${noRoad} without an ETA (no road within ${MAX_OFF_ROAD_M} m or > 3600 s)`,
    );

    // The whole answer, as GET /api/coverage/stations computes it (cached graph).
    const opts = {
      thresholdsS: THRESHOLDS_S,
      mode: 'dissolve' as const,
      units: { kind: 'in_service' as const },
      includeBuilt: false,
      cellM: 100,
      teamStandardS: 300,
      thresholdS: 300,
      offRoad: OFF_ROAD_DEFAULTS,
    };
    const phases: Record<string, number[]> = {};
    let bytes = 0;
    const wholeMs = await timed('whole stationCoverage answer (service, cached graph)', async () => {
      const answer = await stationCoverage(db, opts);
      for (const [k, v] of Object.entries(answer.timing)) {
        if (typeof v === 'number') phases[k] = [...(phases[k] ?? []), v];
      }
    });
    const med = (xs: number[] = []) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    console.log(
      `    service phases (median over warm-up + runs): ${Object.entries(phases)
        .map(([k, v]) => `${k} ${med(v).toFixed(1)}`)
        .join(', ')} ms`,
    );
    const jsonMs = await timed('whole answer + JSON.stringify (what the route sends)', async () => {
      bytes = JSON.stringify(await stationCoverage(db, opts)).length;
    });
    console.log(`    ${(bytes / 1e6).toFixed(2)} MB of JSON`);
    await answerAgainstToday(db, opts, timed);
    // One page of the per-site table (the panel's paging and sorting): from the held evaluation.
    const pageOpts = { ...opts, scope: 'all' as const, sort: 'name' as const, dir: 'asc' as const };
    const pageMs = await timed('per-site table page, warm (held evaluation and sorted rows)', () =>
      stationSitePage(db, { ...pageOpts, offset: 500, limit: 50 }),
    );
    dropStationNetwork(db);
    const coldStart = performance.now();
    await stationSitePage(db, { ...pageOpts, offset: 500, limit: 50 });
    console.log(
      `    cold (network, evaluation and sort rebuilt): ${(performance.now() - coldStart).toFixed(1)} ms; target warm ≤ 5 ms: ${pageMs.toFixed(2)} ms`,
    );
    console.log(
      `summary: reach ${reachMs.toFixed(2)} ms; surface + isochrones + gaps ${(surfaceMs + isoMs + med(phases.gapsMs)).toFixed(1)} ms ` +
        `(gaps = the service's gapsMs median); per site ${siteMs.toFixed(1)} ms; whole answer ${wholeMs.toFixed(1)} ms ` +
        `(target < 200 ms), with JSON ${jsonMs.toFixed(1)} ms`,
    );

    await againstPgRouting(db, reach, { reachMs, searchMs }, placed.seeds, units.length);
  }

  async function againstPgRouting(
    db: Db,
    reach: Reach,
    ours: { reachMs: number; searchMs: number },
    seeds: Seed[],
    unitCount: number,
  ): Promise<void> {
    const url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      console.log('BENCH_DATABASE_URL not set: no pgRouting anchor in this run');
      return;
    }
    const { network } = await stationNetwork(db);
    const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { jit: 'off' } });
    try {
      const [info] = await sql<{ db: string; v: string }[]>`SELECT current_database() AS db, pgr_version() AS v`;
      if (process.env.TEST_DATABASE_URL && process.env.TEST_DATABASE_URL === url)
        throw new Error('BENCH_DATABASE_URL is the test database: use a scratch database');
      await pgrEdgeTable(sql, network.graph);
      console.log(
        `pgRouting ${info?.v} on database ${info?.db}: the same graph as a TEMP edge table (${network.graph.edgeCount} edges)`,
      );
      const variants: [string, PgrSeeds][] = [
        ['one virtual root joined to every seed', { seeds, perUnit: false }],
        [`one virtual root per unit (${unitCount} searches)`, { seeds, perUnit: true }],
      ];
      for (const [name, s] of variants) {
        let rows = await pgrReach(sql, s, CUTOFF_S);
        for (let i = 0; i < 2; i++) rows = await pgrReach(sql, s, CUTOFF_S);
        const pgrMs = await medianMs(RUNS, async () => {
          rows = await pgrReach(sql, s, CUTOFF_S);
        });
        console.log(
          `  pgr_drivingDistance ≤ ${CUTOFF_S} s, ${name}: median ${pgrMs.toFixed(1)} ms; ours ${ours.reachMs.toFixed(2)} ms ` +
            `with placement → ${ratio(pgrMs, ours.reachMs)} faster, Dijkstra alone ${ours.searchMs.toFixed(2)} ms → ` +
            `${ratio(pgrMs, ours.searchMs)} (target ≥ 20×); ${sameReach(network.graph, reach, rows)}`,
        );
      }
    } finally {
      await sql.end();
    }
  }
}
