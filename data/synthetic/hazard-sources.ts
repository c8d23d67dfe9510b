/**
 * SYNTHETIC hazard sources (issue 15): who found each hazard — the township patrols (乡镇巡查), the
 * brigade's inspections (大队检查) or others (群众举报, 部门移交). Exactly the report's 17,528 of the
 * 19,591 hazards found in the window and rectified by its end come from the township patrols
 * (docs/standards.md §6); townships differ in how much of their hazards their patrols find. Its own
 * stream (fork 'hazard-sources'): every other column of every hazard stays as it was.
 */

import { dayOf } from './dates';
import type { HazardRow } from './hazards';
import type { Rng } from './prng';
import { REPORT } from './report-figures';

export type HazardSource = NonNullable<HazardRow['source']>;

/** Of the hazards the townships did not find, the brigade found this share (the rest: reports, referrals). */
const BRIGADE_SHARE = 0.85;

/** Found in the report's window and rectified by its end (the 19,591). */
export function rectifiedInReportWindow(h: HazardRow): boolean {
  const found = dayOf(h.foundOn);
  return (
    found >= REPORT.windowStart &&
    found <= REPORT.windowEnd &&
    (h.status === 'rectified' || h.status === 'verified') &&
    h.rectifiedOn !== null &&
    h.rectifiedOn !== undefined &&
    dayOf(h.rectifiedOn) <= REPORT.windowEnd
  );
}

export function assignHazardSources(hazards: readonly HazardRow[], rootRng: Rng): HazardRow[] {
  const rng = rootRng.fork('hazard-sources');
  const codes = [...new Set(hazards.map((h) => h.townshipCode))].sort();
  const share = new Map(codes.map((c) => [c, rng.uniform(0.8, 0.97)]));
  const notTownship = (): HazardSource => (rng.chance(BRIGADE_SHARE) ? 'brigade_inspection' : 'other');
  // Efraimidis–Spirakis weighted sampling without replacement: the largest u^(1/w) keys win.
  const window = hazards.filter(rectifiedInReportWindow);
  const keyed = window.map((h) => ({ id: h.id, key: rng.next() ** (1 / (share.get(h.townshipCode) as number)) }));
  keyed.sort((a, b) => b.key - a.key || a.id - b.id);
  const township = new Set(keyed.slice(0, REPORT.townshipRectified).map((k) => k.id));
  const inWindow = new Set(window.map((h) => h.id));
  return hazards.map((h) => {
    let source: HazardSource;
    if (inWindow.has(h.id)) source = township.has(h.id) ? 'township_patrol' : notTownship();
    else source = rng.chance(share.get(h.townshipCode) as number) ? 'township_patrol' : notTownship();
    return { ...h, source };
  });
}
