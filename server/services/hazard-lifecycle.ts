/** Moving a hazard along its lifecycle: rule check, date check, status update and history in one transaction. */
import type { Db } from '../../db/client';
import {
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

export async function transitionHazard(
  db: Db,
  id: number,
  body: { to: HazardStatus; on: string; note?: string },
): Promise<HazardRow> {
  return db.transaction(async (tx) => {
    const hazard = await lockHazard(tx, id);
    if (!hazard) throw new NotFoundError(`hazard ${id} not found`);
    const from = hazard.status;
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
    const dates = datesAfter(hazard, body.to, body.on);
    const updated = await updateHazardStatus(tx, id, body.to, dates.rectifiedOn, dates.verifiedOn);
    await insertTransition(tx, { hazardId: id, from, to: body.to, on: body.on, note: body.note ?? null });
    return updated;
  });
}

/** A hazard with its recorded steps, oldest first. */
export async function hazardHistory(db: Db, id: number): Promise<{ hazard: HazardRow; transitions: TransitionRow[] }> {
  const hazard = await getHazard(db, id);
  if (!hazard) throw new NotFoundError(`hazard ${id} not found`);
  return { hazard, transitions: await hazardTransitions(db, id) };
}
