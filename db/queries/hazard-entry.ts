/** Inserting a newly found hazard (issue 13) and its first history step; SQL only. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export async function lockSite(tx: Db, id: number) {
  const [row] = await tx.rows<{ id: number; adcode: string; townshipCode: string; name: string }>(
    sql`SELECT id, adcode, township_code AS "townshipCode", name FROM sites WHERE id = ${id} FOR SHARE`,
  );
  return row ?? null;
}

/** The latest verified hazard of the site in the category: a new one there is a rebound (反弹) of it. */
export async function verifiedPredecessor(tx: Db, siteId: number, category: string): Promise<number | null> {
  const [row] = await tx.rows<{ id: number }>(
    sql`SELECT id FROM hazards WHERE site_id = ${siteId} AND category = ${category}::hazard_category
          AND status = 'verified' ORDER BY verified_on DESC, id DESC LIMIT 1`,
  );
  return row?.id ?? null;
}

export async function insertHazard(
  tx: Db,
  h: {
    adcode: string;
    siteId: number;
    townshipCode: string;
    category: string;
    severity: string;
    description: string;
    foundOn: string;
    deadline: string;
    predecessorId: number | null;
  },
): Promise<number> {
  const row = await tx.one<{ id: number }>(
    sql`INSERT INTO hazards (adcode, site_id, township_code, category, severity, status, description, found_on,
          deadline, predecessor_id, synthetic)
        VALUES (${h.adcode}, ${h.siteId}, ${h.townshipCode}, ${h.category}::hazard_category,
          ${h.severity}::hazard_severity, 'open', ${h.description}, ${h.foundOn}::date, ${h.deadline}::date,
          ${h.predecessorId}, false)
        RETURNING id`,
    'inserted hazard',
  );
  await tx.one(
    sql`INSERT INTO hazard_transitions (adcode, hazard_id, from_status, to_status, "on", note)
        VALUES (${h.adcode}, ${row.id}, NULL, 'open', ${h.foundOn}::date, '检查发现') RETURNING id`,
    'first transition',
  );
  return row.id;
}
