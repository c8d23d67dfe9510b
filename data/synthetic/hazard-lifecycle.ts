/**
 * One hazard's life, 检查 → 整改 → 复查 (公安部令第120号): found (open), ordered to fix by a deadline
 * (rectifying), reported fixed (rectified), re-inspected (verified) — or the re-inspection fails
 * (reopened) and it is fixed again. Days are integers (dates.ts); the row's status is the state
 * at a given day, so the same life answers "as of 2023-07-24" and "as of 2023-12-31".
 */
import type { Rng } from './prng';
import type { DemoCountyData } from './types';

export type HazardStatus = DemoCountyData['hazards'][number]['status'];
export type Severity = DemoCountyData['hazards'][number]['severity'];

export interface LifeEvent {
  status: HazardStatus;
  day: number;
}

export interface Life {
  found: number;
  deadline: number;
  /** In time order; the first is always 'open' on the found day. */
  events: LifeEvent[];
}

/** How a township's offices work: the knobs behind the uneven rankings. */
export interface Performance {
  /** Typical days from the order to the fix. */
  speedDays: number;
  /** Share of hazards never fixed. */
  stubborn: number;
  /** Share failing re-inspection once. */
  reopen: number;
  /** Chance a verified hazard comes back (反弹). */
  rebound: number;
  /** Hazards found per site, relative. */
  activity: number;
}

/** Deadlines of 责令限期改正 orders: days; major hazards get longer. */
const DEADLINES = [3, 5, 7, 7, 10, 15, 15, 20, 30];
const MAJOR_DEADLINE: [number, number] = [30, 60];
/** The order is served within 3 working days of the inspection (公安部令第120号). */
const NOTICE_DAYS = 3;
const ON_THE_SPOT = 0.2;
/** Re-inspection 3–14 days after the fix is reported. */
const VERIFY_DAYS: [number, number] = [3, 14];

export interface LifeOptions {
  /** Force the first fix after this day (the hazard is still open then). */
  openThrough?: number;
}

export function hazardLife(
  rng: Rng,
  found: number,
  severity: Severity,
  perf: Performance,
  opts: LifeOptions = {},
): Life {
  const deadline = found + (severity === 'major' ? rng.int(MAJOR_DEADLINE[0], MAJOR_DEADLINE[1]) : rng.pick(DEADLINES));
  const events: LifeEvent[] = [{ status: 'open', day: found }];
  let fixed: number;
  if (opts.openThrough !== undefined) {
    fixed = rng.int(Math.max(found, opts.openThrough) + 1, Math.max(found, opts.openThrough) + 30);
  } else if (rng.chance(perf.stubborn)) {
    events.push({ status: 'rectifying', day: found + rng.int(0, NOTICE_DAYS) });
    return { found, deadline, events };
  } else if (rng.chance(ON_THE_SPOT) && severity === 'general') {
    fixed = found;
  } else {
    const typical = perf.speedDays * (severity === 'major' ? 2.5 : 1);
    fixed = found + Math.max(1, Math.min(150, Math.round(typical * Math.exp(0.55 * rng.normal()))));
  }
  events.push({ status: 'rectifying', day: Math.min(fixed, found + rng.int(0, NOTICE_DAYS)) });
  events.push({ status: 'rectified', day: fixed });
  let lastFix = fixed;
  if (rng.chance(perf.reopen)) {
    const failed = fixed + rng.int(...VERIFY_DAYS);
    lastFix = failed + rng.int(2, 15);
    events.push({ status: 'reopened', day: failed }, { status: 'rectified', day: lastFix });
  }
  events.push({ status: 'verified', day: lastFix + rng.int(...VERIFY_DAYS) });
  return { found, deadline, events };
}

export interface StateAt {
  status: HazardStatus;
  rectifiedOn: number | null;
  verifiedOn: number | null;
}

/** The hazard as the records stood at the end of `day`. */
export function stateAt(life: Life, day: number): StateAt {
  let status: HazardStatus = 'open';
  let rectifiedOn: number | null = null;
  let verifiedOn: number | null = null;
  for (const e of life.events) {
    if (e.day > day) break;
    status = e.status;
    if (e.status === 'rectified') rectifiedOn = e.day;
    if (e.status === 'verified') verifiedOn = e.day;
  }
  const closed = status === 'rectified' || status === 'verified';
  return { status, rectifiedOn: closed ? rectifiedOn : null, verifiedOn: status === 'verified' ? verifiedOn : null };
}

/** Events up to `day`, the records a database would hold then. */
export function eventsThrough(life: Life, day: number): LifeEvent[] {
  return life.events.filter((e) => e.day <= day);
}
