/**
 * A hazard found on a site (issue 13, from the site's popup): status `open`, found today (China
 * time), its first history step (检查发现), linked as a rebound (反弹) to the site's latest verified
 * hazard of the same category. Township users enter hazards on sites of their own township.
 */
import type { Db } from '../../db/client';
import { insertHazard, lockSite, verifiedPredecessor } from '../../db/queries/hazard-entry';
import { getHazard } from '../../db/queries/hazard-lifecycle';
import type { Actor } from '../auth/actor';
import { auditedWrite, type Who } from '../auth/audit';
import { requireWriteScope } from '../auth/scope';
import { chinaToday } from '../auth/today';
import { InvalidParameterError, NotFoundError } from '../errors';
import type { HazardEntry } from '../schemas/hazard-entry';

export async function enterHazard(db: Db, who: Who, actor: Actor, body: HazardEntry) {
  const today = chinaToday(who.nowMs);
  if (body.deadline < today)
    throw new InvalidParameterError('deadline: 整改期限不能早于今天 (the deadline is before today)');
  return auditedWrite(db, who, { action: 'hazard.create', table: 'hazards' }, async (tx) => {
    const site = await lockSite(tx, body.siteId);
    if (!site) throw new NotFoundError(`site ${body.siteId} not found`);
    requireWriteScope(actor, site.townshipCode);
    const id = await insertHazard(tx, {
      adcode: site.adcode,
      siteId: site.id,
      townshipCode: site.townshipCode,
      category: body.category,
      severity: body.severity,
      description: body.description,
      foundOn: today,
      deadline: body.deadline,
      predecessorId: await verifiedPredecessor(tx, site.id, body.category),
    });
    const after = await getHazard(tx, id);
    if (!after) throw new Error(`hazard ${id} not read back`);
    return { result: after, after, rowId: id, adcode: site.adcode };
  });
}
