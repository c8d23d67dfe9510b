/**
 * Issue 13 on the demo county (PGlite in process; PostgreSQL too with BENCH_DATABASE_URL): the edit
 * round trip — PATCH a hydrant's position with If-Match through the whole app (session, scope,
 * audit row, version trigger) — against a plain read of the same row, and with the coverage answer
 * that follows it; and the inspection route of 辛安镇: the whole request, the road-distance matrix
 * and the tour (nearest neighbour + 2-opt) apart, with the tour's length against nearest neighbour.
 */
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { openDb } from '../../db/client';
import { dueHydrants } from '../../db/queries/inspections';
import { inspectionTour } from '../../server/analysis/inspection-route';
import { roadDistanceMatrix } from '../../server/analysis/road-distance-matrix';
import { createApp } from '../../server/app';
import { stationNetwork } from '../../server/services/station-network';
import { signedIn, XINAN } from '../helpers/sign-in';
import { openDemoDb } from './demo-db';
import { medianMs, ratio } from './stats';

const RUNS = 15;
const AS_OF = '2026-06-30';

async function bench(engine: string, db: Db): Promise<void> {
  const client = await signedIn(createApp(db), db, 'brigade');
  const [h] = await db.rows<{ id: number; lon: number; lat: number }>(
    sql`SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM hydrants
      WHERE township_code = ${XINAN} AND status = 'ok' ORDER BY id LIMIT 1`,
  );
  if (!h) throw new Error('no hydrant');
  const json = { 'content-type': 'application/json' };
  let version = ((await (await client.request(`/api/hydrants/${h.id}`)).json()) as { properties: { version: number } })
    .properties.version;
  let k = 0;
  const patch = async () => {
    k++;
    const res = await client.request(`/api/hydrants/${h.id}`, {
      method: 'PATCH',
      headers: { ...json, 'if-match': String(version) },
      body: JSON.stringify({ lon: h.lon + (k % 2) * 0.0003, lat: h.lat }),
    });
    if (res.status !== 200) throw new Error(`PATCH ${res.status} ${await res.text()}`);
    version = ((await res.json()) as { version: number }).version;
  };
  const read = async () => (await client.request(`/api/hydrants/${h.id}`)).arrayBuffer();
  const coverage = async () => (await client.request('/api/coverage/hydrants?limit=1')).arrayBuffer();
  await patch();
  await read();
  await coverage();
  const readMs = await medianMs(RUNS, read);
  const patchMs = await medianMs(RUNS, patch);
  const patchCoverageMs = await medianMs(5, async () => {
    await patch();
    await coverage();
  });
  if (k % 2 === 1) await patch(); // back where it was
  console.log(
    `${engine}: edit round trip (PATCH position, If-Match, audit, version) median ${patchMs.toFixed(1)} ms; ` +
      `read of the row ${readMs.toFixed(1)} ms (PATCH costs ${ratio(patchMs, readMs)} a read); ` +
      `PATCH + the county's hydrant coverage answer after it ${patchCoverageMs.toFixed(0)} ms`,
  );

  await routeBench(engine, db, client, XINAN, '辛安镇');
  const [busiest] = await db.rows<{ code: string; name: string }>(sql`
    SELECT t.code, t.name FROM townships t JOIN hydrants h ON h.township_code = t.code
    GROUP BY t.code, t.name ORDER BY count(*) DESC LIMIT 1`);
  if (busiest) await routeBench(engine, db, client, busiest.code, busiest.name);
}

async function routeBench(
  engine: string,
  db: Db,
  client: Awaited<ReturnType<typeof signedIn>>,
  township: string,
  name: string,
): Promise<void> {
  const route = async () => {
    const res = await client.request(`/api/inspections/route?township=${township}&asOf=${AS_OF}`);
    return (await res.json()) as {
      stops: unknown[];
      lengthM: number;
      nearestNeighbourM: number;
      unreachable: unknown[];
    };
  };
  const first = await route();
  const routeMs = await medianMs(5, route);
  const { network } = await stationNetwork(db);
  const due = await dueHydrants(db, AS_OF, township.slice(0, 6), township);
  const pts = due.map((d) => network.graph.projection.forward(d.lon, d.lat));
  const matrixMs = await medianMs(5, () => roadDistanceMatrix(network.index, pts));
  const d = roadDistanceMatrix(network.index, pts);
  const tourMs = await medianMs(5, () => inspectionTour(d));
  console.log(
    `${engine}: inspection route ${name} (${due.length} due on ${AS_OF}): ${first.stops.length} stops, ` +
      `${(first.lengthM / 1000).toFixed(2)} km by road vs nearest neighbour ${(first.nearestNeighbourM / 1000).toFixed(2)} km ` +
      `(${((100 * (first.nearestNeighbourM - first.lengthM)) / first.nearestNeighbourM).toFixed(1)} % shorter), ` +
      `${first.unreachable.length} unreachable; request median ${routeMs.toFixed(0)} ms ` +
      `(distance matrix ${matrixMs.toFixed(0)} ms, tour ${tourMs.toFixed(1)} ms)`,
  );
}

export async function run(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  const db = await openDemoDb();
  try {
    await bench('PGlite', db);
  } finally {
    await db.close();
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const pg = await openDb({ databaseUrl: url });
    try {
      await bench('PostgreSQL', pg);
    } finally {
      await pg.close();
    }
  }
}
