/**
 * 20,000 hydrant rows in GCJ-02 (.xlsx and .csv) through the import pipeline (issue 12 §3, target
 * ≤ 10 s on PGlite): reading, the dry run (validation, detection, placement), the commit (one
 * transaction with the undo data) and the undo — on PGlite (the demo county) and, with
 * BENCH_DATABASE_URL, on PostgreSQL. Anchor in the same run: the bare INSERT of the same rows
 * (one jsonb_populate_recordset statement, no checks, no undo data).
 */
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { type Db, openDb } from '../../db/client';
import type { Actor } from '../../server/auth/actor';
import { fromWgs84 } from '../../server/geo/crs/convert';
import { hydrantsLayer } from '../../server/import/layers/hydrants';
import { readImportFile } from '../../server/import/read-file';
import { commitImport, undoImport } from '../../server/services/import-commit';
import { planImport } from '../../server/services/import-plan';
import { csvUtf8, xlsx } from '../helpers/import-files';
import { openDemoDb } from './demo-db';
import { medianMs, ratio } from './stats';

const ROWS = 20_000;
const RUNS = 3;
const actor: Actor = {
  userId: 0,
  username: 'bench',
  role: 'brigade',
  township: null,
  mustChangePassword: false,
  mustEnrollTotp: false,
  sessionHash: '',
};

async function grid(db: Db): Promise<(string | number)[][]> {
  // Hydrants stand on the streets: points every ~40 m along the county's roads.
  const places = await db.rows<{ lon: number; lat: number }>(sql`
    SELECT ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat
    FROM (SELECT (ST_DumpPoints(ST_Segmentize(geom::geography, 40)::geometry)).geom FROM roads) p
    LIMIT ${ROWS}`);
  const rows: (string | number)[][] = [['编号', '类型', '状态', '流量(L/s)', '所在道路', '经度', '纬度']];
  for (let i = 0; i < ROWS; i++) {
    const p = places[i % places.length] as { lon: number; lat: number };
    // Repeated places (shared road ends) move 3 m east per round.
    const [x, y] = fromWgs84('gcj02', [p.lon + Math.floor(i / places.length) * 3.3e-5, p.lat]);
    rows.push([
      `BENCH-${i}`,
      i % 9 ? '市政消火栓' : '消防水鹤',
      i % 13 ? '完好' : '故障',
      10 + (i % 20),
      `测试路${i % 50}`,
      x,
      y,
    ]);
  }
  return rows;
}

async function bench(engine: string, db: Db): Promise<void> {
  const rows = await grid(db);
  const files: [string, Uint8Array][] = [
    ['bench.xlsx', await xlsx(rows)],
    ['bench.csv', csvUtf8(rows)],
  ];
  const input = (name: string, bytes: Uint8Array) => ({
    layer: hydrantsLayer,
    fileName: name,
    bytes,
    crs: 'auto' as const,
    actor,
  });
  for (const [name, bytes] of files) {
    const readMs = await medianMs(RUNS, () => readImportFile(name, bytes));
    const dryMs = await medianMs(RUNS, () => planImport(db, input(name, bytes)));
    const plan = await planImport(db, input(name, bytes));
    console.log(
      `${engine} ${name} (${(bytes.length / 1e6).toFixed(1)} MB): read ${readMs.toFixed(0)} ms, dry run ${dryMs.toFixed(0)} ms ` +
        `(detected ${plan.preview.detected?.crs}, ${plan.preview.insert} to insert, ${plan.preview.rows.invalid} invalid)`,
    );
  }
  const [, csvBytes] = files[1] as [string, Uint8Array];
  const commits: number[] = [];
  const undos: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const committed = await db.transaction((tx) =>
      commitImport(tx, { ...input('bench.csv', csvBytes), skipInvalid: false }),
    );
    const t1 = performance.now();
    await db.transaction((tx) => undoImport(tx, committed.result.id, actor));
    commits.push(t1 - t0);
    undos.push(performance.now() - t1);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  const plan = await planImport(db, input('bench.csv', csvBytes));
  const json = plan.inserts.map((r) => r.json);
  const columns = plan.columns;
  const bareMs = await medianMs(RUNS, () =>
    db.transaction(async (tx) => {
      await tx.rows(sql`INSERT INTO hydrants (${sql.join(
        columns.map((c) => sql.identifier(c)),
        sql`, `,
      )})
        SELECT ${sql.join(
          columns.map((c) => sql`r.${sql.identifier(c)}`),
          sql`, `,
        )}
        FROM jsonb_populate_recordset(null::hydrants, ${JSON.stringify(json)}::jsonb) r`);
      await tx.rows(sql`DELETE FROM hydrants WHERE code LIKE 'BENCH-%'`);
    }),
  );
  console.log(
    `${engine} commit of ${ROWS} rows (CSV, whole plan again inside the transaction + write + undo data): ${med(commits).toFixed(0)} ms; ` +
      `undo ${med(undos).toFixed(0)} ms; anchor bare INSERT (+DELETE) ${bareMs.toFixed(0)} ms → commit costs ${ratio(med(commits), bareMs)} the bare write`,
  );
}

export async function run(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores; medians of ${RUNS}`,
  );
  const pglite = await openDemoDb();
  try {
    await bench('PGlite', pglite);
  } finally {
    await pglite.close();
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log('BENCH_DATABASE_URL not set: no PostgreSQL run');
    return;
  }
  const pg = await openDb({ databaseUrl: url });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.close();
  }
}
