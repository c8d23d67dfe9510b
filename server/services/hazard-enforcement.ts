/** Enforcement actions: record one (the site must exist) and list them. */
import type { Db } from '../../db/client';
import { type EnforcementRow, insertEnforcement, listEnforcement, siteTownship } from '../../db/queries/enforcement';
import { townshipExists } from '../../db/queries/layers';
import { InvalidParameterError, NotFoundError } from '../errors';

export async function createEnforcement(
  db: Db,
  body: { siteId: number; kind: EnforcementRow['kind']; fineYuan?: number; decidedOn: string; note?: string },
  /** Checks the site's township before anything is written (the township scope). */
  guard: (township: string) => void = () => {},
): Promise<EnforcementRow> {
  return db.transaction(async (tx) => {
    const township = await siteTownship(tx, body.siteId);
    if (township === null) throw new NotFoundError(`site ${body.siteId} not found`);
    guard(township);
    return insertEnforcement(tx, {
      siteId: body.siteId,
      kind: body.kind,
      fineYuan: body.fineYuan ?? null,
      decidedOn: body.decidedOn,
      note: body.note ?? null,
    });
  });
}

export async function enforcementList(
  db: Db,
  q: { township?: string; from?: string; to?: string; kind?: string },
): Promise<{ rows: EnforcementRow[] }> {
  if (q.township !== undefined && !(await townshipExists(db, q.township))) {
    throw new InvalidParameterError(`unknown township ${q.township}`, { township: q.township });
  }
  return { rows: await listEnforcement(db, q) };
}
