/** `npm run seed [-- --reset]`: loads the demo county (or rebuilds every table with --reset). */
import { readEnv } from '../server/env';
import { ensureDemoCounty } from './demo';
import { openConfiguredDb } from './open';

const reset = process.argv.includes('--reset');
const db = await openConfiguredDb(readEnv());
const t0 = performance.now();
const result = await ensureDemoCounty(db, { reset });
console.log(
  result === 'seeded'
    ? `seeded the demo county in ${((performance.now() - t0) / 1000).toFixed(1)} s`
    : 'the demo county is already loaded (use --reset to rebuild)',
);
await db.close();
