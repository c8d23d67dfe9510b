/**
 * A second county (issue 12 §5) beside the demo county, PGlite from the test template: what
 * following the county costs. The synthetic county of tests/helpers/second-county.ts is imported
 * through the API, then:
 *
 * - `countyOf` (the check of `county=` every analysis request now makes: the counties' version,
 *   one indexed query) against the anchor of the same version read alone;
 * - the routing network built cold for each county (each county routes on its own roads, units
 *   and sites; Wuyang's network is the anchor);
 * - the whole station coverage answer (GET /api/coverage/stations?parts=summary) cold for each county.
 *
 * Prints medians; never asserts a time.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createApp } from '../../server/app';
import { authConfig } from '../../server/auth/config';
import { countyOf } from '../../server/services/county';
import { dataVersion } from '../../server/services/data-version';
import { dropCoverageAnswers } from '../../server/services/station-coverage-answer';
import { dropStationNetwork, stationNetwork } from '../../server/services/station-network';
import { uploadForm } from '../helpers/import-files';
import { ADCODE, secondCountyImports } from '../helpers/second-county';
import { signedIn } from '../helpers/sign-in';
import { openDemoDb } from './demo-db';
import { medianMs, ratio } from './stats';

const RUNS = 9;

export async function run(): Promise<void> {
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`load average ${load()} on ${availableParallelism()} cores; medians of ${RUNS}`);
  const db = await openDemoDb();
  const app = createApp(db, { auth: authConfig({ computeBudgetMs: 600_000 }) });
  const brigade = await signedIn(app, db, 'brigade');
  for (const f of secondCountyImports()) {
    const res = await brigade.request(f.path, { method: 'POST', body: uploadForm(f.name, f.bytes) });
    if (res.status !== 201) throw new Error(`${f.path}: ${res.status} ${await res.text()}`);
  }

  const version = await medianMs(51, () => dataVersion(db, ['counties']));
  const check = await medianMs(51, () => countyOf(db, ADCODE));
  console.log(`  counties' version alone: ${version.toFixed(3)} ms; countyOf(${ADCODE}): ${check.toFixed(3)} ms`);
  console.log(`  county check vs version read: ${ratio(version, check)}`);

  const cold = (county?: string) => async () => {
    dropStationNetwork(db);
    await stationNetwork(db, county);
  };
  const wuyangNet = await medianMs(RUNS, cold());
  const secondNet = await medianMs(RUNS, cold(ADCODE));
  console.log(`  network cold: Wuyang ${wuyangNet.toFixed(1)} ms, county ${ADCODE} ${secondNet.toFixed(1)} ms`);

  const answer = (county?: string) => async () => {
    dropStationNetwork(db);
    dropCoverageAnswers(db);
    const res = await brigade.request(`/api/coverage/stations?parts=summary${county ? `&county=${county}` : ''}`);
    if (res.status !== 200) throw new Error(`coverage ${res.status}: ${await res.text()}`);
    await res.text();
  };
  const wuyangAnswer = await medianMs(RUNS, answer());
  const secondAnswer = await medianMs(RUNS, answer(ADCODE));
  console.log(
    `  coverage answer cold (network included): Wuyang ${wuyangAnswer.toFixed(1)} ms, county ${ADCODE} ${secondAnswer.toFixed(1)} ms`,
  );
  console.log(`load average at the end ${load()}`);
  await db.close();
}
