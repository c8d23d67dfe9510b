/**
 * The bulletin's generation time on the demo county (PGlite in process): the JSON for a week, a
 * month and the report's period, and the .docx and .xlsx of the week, against an anchor in the same
 * run — the township statistics of the same week (what the bulletin builds on, called twice: this
 * and the previous period).
 */
import { availableParallelism, loadavg } from 'node:os';
import { bulletin } from '../../server/services/bulletin';
import { bulletinDocxFile, bulletinXlsxFile } from '../../server/services/bulletin-files';
import { townshipStats } from '../../server/services/township-stats';
import { openDemoDb } from './demo-db';
import { medianMs, ratio } from './stats';

const RUNS = 7;

export async function run(): Promise<void> {
  const db = await openDemoDb();
  const week = { from: '2023-07-17', to: '2023-07-23' };
  await bulletin(db, week); // warm-up
  const anchor = await medianMs(RUNS, () => townshipStats(db, { ...week, metric: 'found' }));
  const rows: [string, number][] = [
    ['JSON, week', await medianMs(RUNS, () => bulletin(db, week))],
    ['JSON, month', await medianMs(RUNS, () => bulletin(db, { from: '2023-07-01', to: '2023-07-31' }))],
    ['JSON, 2023-01-01 … 07-24', await medianMs(RUNS, () => bulletin(db, { from: '2023-01-01', to: '2023-07-24' }))],
    ['JSON + .docx, week', await medianMs(RUNS, async () => bulletinDocxFile(db, await bulletin(db, week)))],
    ['JSON + .xlsx, week', await medianMs(RUNS, async () => bulletinXlsxFile(await bulletin(db, week)))],
  ];
  console.log(
    `bulletin on the demo county (PGlite), medians of ${RUNS}; load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`,
  );
  console.log(`anchor: township statistics of the week ${anchor.toFixed(0)} ms`);
  for (const [name, ms] of rows)
    console.log(`${name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms   anchor/this ${ratio(anchor, ms)}`);
  await db.close();
}
