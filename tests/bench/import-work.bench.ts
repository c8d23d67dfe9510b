/**
 * 10,000 patrol rows (防火巡查: sites by code, one in ten a free address with its WGS84 point)
 * through the import pipeline (issue 15 §1): the dry run (reading, validation, site and township
 * placement, the same-patrol check against the table's ~46,000 demo patrols), the commit (the plan
 * again inside the transaction + write + undo data) and the undo, on PGlite (the demo county).
 * Anchor in the same run: the bare INSERT of the same rows (one statement, no checks, no undo data).
 */
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor } from '../../server/auth/actor';
import { patrolsLayer } from '../../server/import/layers/patrols';
import { commitImport, undoImport } from '../../server/services/import-commit';
import { planImport } from '../../server/services/import-plan';
import { csvUtf8 } from '../helpers/import-files';
import { openDemoDb } from './demo-db';
import { medianMs, ratio } from './stats';

const ROWS = 10_000;
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

async function file(db: Db): Promise<Uint8Array> {
  const sites = await db.rows<{ code: string; lon: number; lat: number }>(
    sql`SELECT code, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM sites ORDER BY id`,
  );
  const rows: (string | number)[][] = [['场所', '地址', '巡查日期', '巡查人', '发现隐患数', '经度', '纬度']];
  for (let i = 0; i < ROWS; i++) {
    const s = sites[i % sites.length] as { code: string; lon: number; lat: number };
    const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    rows.push(
      i % 10 === 0
        ? ['', `测试地址${i}`, day, `巡查员${i % 40}`, i % 3, s.lon.toFixed(6), s.lat.toFixed(6)]
        : [s.code, '', day, `巡查员${i % 40}`, i % 3, '', ''],
    );
  }
  return csvUtf8(rows);
}

export async function run(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores; medians of ${RUNS}`,
  );
  const db = await openDemoDb();
  try {
    const bytes = await file(db);
    const input = { layer: patrolsLayer, fileName: 'bench.csv', bytes, crs: 'wgs84' as const, actor };
    const dryMs = await medianMs(RUNS, () => planImport(db, input));
    const plan = await planImport(db, input);
    console.log(
      `PGlite dry run of ${ROWS} patrols (${(bytes.length / 1e6).toFixed(1)} MB CSV): ${dryMs.toFixed(0)} ms ` +
        `(${plan.preview.insert} to insert, ${plan.preview.rows.invalid} invalid)`,
    );
    const commits: number[] = [];
    const undos: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const committed = await db.transaction((tx) => commitImport(tx, { ...input, skipInvalid: false }));
      const t1 = performance.now();
      await db.transaction((tx) => undoImport(tx, committed.result.id, actor));
      commits.push(t1 - t0);
      undos.push(performance.now() - t1);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    const columns = sql.join(
      plan.columns.map((c) => sql.identifier(c)),
      sql`, `,
    );
    const json = JSON.stringify(plan.inserts.map((r) => r.json));
    const bareMs = await medianMs(RUNS, () =>
      db.transaction(async (tx) => {
        await tx.rows(sql`INSERT INTO patrols (${columns}) SELECT ${columns}
          FROM jsonb_populate_recordset(null::patrols, ${json}::jsonb) r`);
        await tx.rows(sql`DELETE FROM patrols WHERE patroller LIKE '巡查员%' AND patrolled_on >= '2024-01-01'`);
      }),
    );
    console.log(
      `PGlite commit of ${ROWS} patrols: ${med(commits).toFixed(0)} ms; undo ${med(undos).toFixed(0)} ms; ` +
        `anchor bare INSERT (+DELETE) ${bareMs.toFixed(0)} ms → commit costs ${ratio(med(commits), bareMs)} the bare write`,
    );
  } finally {
    await db.close();
  }
}
