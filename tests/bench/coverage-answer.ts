/**
 * Issue 17's coverage answer against today's in one run (routing-demo.bench.ts calls it): the answer
 * as the route sends it — service plus serialisation — today (tests/bench/coverage-today.ts: every
 * outline traced cell by cell, the whole object serialised per call), now cold (the answer built:
 * one trace, each part serialised once) and now warm (the held answer of the same inputs and data
 * version), with its size raw and gzip, whole and as the panel asks for it (no per-site columns,
 * no rings until shown), and one toggle's parts (a threshold click).
 */
import { gzipSync } from 'node:zlib';
import type { Db } from '../../db/client';
import type { CoveragePart } from '../../server/schemas/coverage-stations';
import { dropCoverageAnswers, stationCoverageJson } from '../../server/services/station-coverage-answer';
import type { CoverageOptions } from '../../server/services/station-evaluation';
import { todaysStationCoverage } from './coverage-today';

type Timed = (label: string, fn: () => unknown | Promise<unknown>) => Promise<number>;

const PANEL: CoveragePart[] = [
  'isochrones',
  'surface',
  'gaps',
  'districts',
  'highRiskOutside',
  'noRoadAccessSites',
  'erf',
  'summary',
];
const THRESHOLD_CLICK: CoveragePart[] = ['districts', 'highRiskOutside', 'summary'];

const kb = (text: string) =>
  `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB raw, ${(gzipSync(text).length / 1024).toFixed(0)} KB gzip`;

export async function answerAgainstToday(db: Db, o: CoverageOptions, timed: Timed) {
  console.log("issue 17 — the coverage answer as sent (service + serialisation), today's against now:");
  let today = '';
  const todayMs = await timed("today's answer + JSON.stringify (outlined per feature, no answer cache)", async () => {
    today = JSON.stringify(await todaysStationCoverage(db, o));
  });
  console.log(`    ${kb(today)}`);
  let whole = '';
  const coldMs = await timed('now, cold: the answer built (one trace, parts serialised once)', async () => {
    dropCoverageAnswers(db);
    whole = (await stationCoverageJson(db, o, undefined)).json;
  });
  console.log(`    whole answer: ${kb(whole)}`);
  let panel = '';
  const warmMs = await timed('now, warm: the held answer, the parts the panel asks for', async () => {
    panel = (await stationCoverageJson(db, o, PANEL)).json;
  });
  console.log(`    panel's parts (${PANEL.join(',')}): ${kb(panel)}`);
  const wholeWarmMs = await timed('now, warm: the held answer, whole', () => stationCoverageJson(db, o, undefined));
  let click = '';
  await timed('now, warm: a threshold click (districts, highRiskOutside, summary)', async () => {
    click = (await stationCoverageJson(db, o, THRESHOLD_CLICK)).json;
  });
  console.log(`    ${kb(click)}`);
  console.log(
    `summary (issue 17 item 1): today ${todayMs.toFixed(1)} ms / ${(gzipSync(today).length / 1024).toFixed(0)} KB gzip; ` +
      `now cold ${coldMs.toFixed(1)} ms (${(todayMs / coldMs).toFixed(1)}× faster), warm ${warmMs.toFixed(2)} ms ` +
      `(whole ${wholeWarmMs.toFixed(2)} ms) / ${(gzipSync(panel).length / 1024).toFixed(0)} KB gzip as the panel asks ` +
      `(whole ${(gzipSync(whole).length / 1024).toFixed(0)} KB); targets ≤ 30 ms warm, ≤ 400 KB gzip`,
  );
}
