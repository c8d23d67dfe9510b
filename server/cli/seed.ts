/** `npm run seed [-- --reset]`: loads the demo county (or rebuilds every table with --reset). */
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '../../db/open';
import { readEnv } from '../env';
import { ensureDemoCounty } from '../services/demo-county';

const USAGE = `用法 / usage: npm run seed [-- --reset]
  --reset  清空全部表并重建演示数据 / empty every table and rebuild the demo county`;

let reset: boolean;
try {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  reset = values.reset;
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
const db = await openConfiguredDb(readEnv());
const t0 = performance.now();
const result = await ensureDemoCounty(db, { reset });
console.log(
  result === 'seeded'
    ? `seeded the demo county in ${((performance.now() - t0) / 1000).toFixed(1)} s`
    : 'the demo county is already loaded (use --reset to rebuild)',
);
await db.close();
