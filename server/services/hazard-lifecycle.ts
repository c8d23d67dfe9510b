/** Moving a hazard along its lifecycle, and undoing its latest step: checks, update and history in one transaction. */
import type { Db } from '../../db/client';
import {
  deleteTransition,
  getHazard,
  type HazardRow,
  hazardTransitions,
  insertTransition,
  lastTransitionOn,
  lockHazard,
  type TransitionRow,
  updateHazardStatus,
} from '../../db/queries/hazard-lifecycle';
import { allowedTransitions, datesAfter, type HazardStatus, isLegalTransition } from '../analysis/hazard-lifecycle';
import { ConflictError, InvalidParameterError, NotFoundError } from '../errors';

/** Checks a caller makes on the locked row before anything changes (the township scope). */
export type HazardGuard = (hazard: HazardRow) => void;

/** The day after `today` (YYYY-MM-DD): the latest date a step may carry (time zones differ by hours, not days). */
function dayAfter(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export async function transitionHazard(
  db: Db,
  id: number,
  body: { from: HazardStatus; to: HazardStatus; on: string; note?: string },
  today: string,
  guard: HazardGuard = () => {},
): Promise<{ before: HazardRow; after: HazardRow }> {
  return db.transaction(async (tx) => {
    const hazard = await lockHazard(tx, id);
    if (!hazard) throw new NotFoundError(`hazard ${id} not found`);
    guard(hazard);
    const from = hazard.status;
    if (from !== body.from) {
      throw new ConflictError(
        `隐患 ${id} 当前状态为 ${from}，不是 ${body.from} (hazard ${id} is ${from}, not ${body.from})`,
        {
          current: from,
          expected: body.from,
        },
      );
    }
    if (!isLegalTransition(from, body.to)) {
      const allowed = allowedTransitions(from);
      throw new ConflictError(
        `hazard ${id} is ${from}: ${from} → ${body.to} is not allowed (allowed: ${allowed.join(', ') || 'none'})`,
        { from, to: body.to, allowed },
      );
    }
    // ISO dates sort as strings: the later of the found day and the last recorded step.
    const [earliest] = [hazard.foundOn, (await lastTransitionOn(tx, id)) ?? hazard.foundOn].sort().reverse();
    if (earliest !== undefined && body.on < earliest) {
      throw new InvalidParameterError(`on ${body.on} is before the hazard's last recorded step (${earliest})`, {
        on: body.on,
        earliest,
      });
    }
    const latest = dayAfter(today);
    if (body.on > latest) {
      throw new InvalidParameterError(`日期 ${body.on} 晚于明天 (on ${body.on} is after tomorrow, ${latest})`, {
        on: body.on,
        latest,
      });
    }
    const dates = datesAfter(hazard, body.to, body.on);
    const updated = await updateHazardStatus(tx, id, body.to, dates.rectifiedOn, dates.verifiedOn);
    await insertTransition(tx, { hazardId: id, from, to: body.to, on: body.on, note: body.note ?? null });
    return { before: hazard, after: updated };
  });
}

/**
 * Undoes the hazard's latest recorded step (a wrong status or date): the status returns to the
 * step's `from`, the dates are those the remaining history gives. The step is kept in the audit log.
 */
export async function undoLatestTransition(
  db: Db,
  id: number,
  guard: HazardGuard = () => {},
): Promise<{ before: HazardRow; after: HazardRow; undone: TransitionRow }> {
  return db.transaction(async (tx) => {
    const hazard = await lockHazard(tx, id);
    if (!hazard) throw new NotFoundError(`hazard ${id} not found`);
    guard(hazard);
    const history = await hazardTransitions(tx, id);
    const last = history[history.length - 1];
    if (!last || last.fromStatus === null) {
      throw new ConflictError(`隐患 ${id} 没有可撤销的步骤 (hazard ${id} has no step to undo)`);
    }
    let dates: { rectifiedOn: string | null; verifiedOn: string | null } = { rectifiedOn: null, verifiedOn: null };
    for (const t of history.slice(0, -1)) dates = datesAfter(dates, t.toStatus as HazardStatus, t.on);
    await deleteTransition(tx, last.id);
    const updated = await updateHazardStatus(tx, id, last.fromStatus, dates.rectifiedOn, dates.verifiedOn);
    return { before: hazard, after: updated, undone: last };
  });
}

/** A hazard with its recorded steps, oldest first. */
export async function hazardHistory(db: Db, id: number): Promise<{ hazard: HazardRow; transitions: TransitionRow[] }> {
  const hazard = await getHazard(db, id);
  if (!hazard) throw new NotFoundError(`hazard ${id} not found`);
  return { hazard, transitions: await hazardTransitions(db, id) };
}
