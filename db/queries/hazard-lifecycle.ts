/** Hazard rows and their transition history (SQL only; the service owns the transaction). */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface HazardRow {
  id: number;
  siteId: number;
  townshipCode: string;
  category: string;
  severity: string;
  status: 'open' | 'rectifying' | 'rectified' | 'verified' | 'reopened';
  description: string | null;
  foundOn: string;
  deadline: string;
  rectifiedOn: string | null;
  verifiedOn: string | null;
  predecessorId: number | null;
  synthetic: boolean;
}

const columns = sql`id, site_id AS "siteId", township_code AS "townshipCode", category::text AS category,
  severity::text AS severity, status::text AS status, description, found_on::text AS "foundOn",
  deadline::text AS deadline, rectified_on::text AS "rectifiedOn", verified_on::text AS "verifiedOn",
  predecessor_id AS "predecessorId", synthetic`;

/** The hazard, locked for the rest of the transaction; null when there is none. */
export async function lockHazard(tx: Db, id: number): Promise<HazardRow | null> {
  const [row] = await tx.rows<HazardRow>(sql`SELECT ${columns} FROM hazards WHERE id = ${id} FOR UPDATE`);
  return row ?? null;
}

export async function getHazard(db: Db, id: number): Promise<HazardRow | null> {
  const [row] = await db.rows<HazardRow>(sql`SELECT ${columns} FROM hazards WHERE id = ${id}`);
  return row ?? null;
}

/** The latest transition date of a hazard, or null without history. */
export async function lastTransitionOn(db: Db, hazardId: number): Promise<string | null> {
  const row = await db.one<{ last: string | null }>(
    sql`SELECT max("on")::text AS last FROM hazard_transitions WHERE hazard_id = ${hazardId}`,
    'last transition',
  );
  return row.last;
}

export async function updateHazardStatus(
  tx: Db,
  id: number,
  status: string,
  rectifiedOn: string | null,
  verifiedOn: string | null,
): Promise<HazardRow> {
  return tx.one<HazardRow>(
    sql`UPDATE hazards SET status = ${status}::hazard_status, rectified_on = ${rectifiedOn}::date,
          verified_on = ${verifiedOn}::date
        WHERE id = ${id} RETURNING ${columns}`,
    'updated hazard',
  );
}

export async function insertTransition(
  tx: Db,
  t: { hazardId: number; from: string; to: string; on: string; note: string | null },
): Promise<void> {
  await tx.one(
    sql`INSERT INTO hazard_transitions (adcode, hazard_id, from_status, to_status, "on", note)
        SELECT adcode, id, ${t.from}::hazard_status, ${t.to}::hazard_status, ${t.on}::date, ${t.note}
        FROM hazards WHERE id = ${t.hazardId} RETURNING id`,
    'inserted transition',
  );
}

export interface TransitionRow {
  id: number;
  fromStatus: string | null;
  toStatus: string;
  on: string;
  note: string | null;
}

export async function hazardTransitions(db: Db, hazardId: number): Promise<TransitionRow[]> {
  return db.rows<TransitionRow>(
    sql`SELECT id, from_status::text AS "fromStatus", to_status::text AS "toStatus", "on"::text AS "on", note
        FROM hazard_transitions WHERE hazard_id = ${hazardId} ORDER BY "on", id`,
  );
}

export async function deleteTransition(tx: Db, id: number): Promise<void> {
  await tx.one(sql`DELETE FROM hazard_transitions WHERE id = ${id} RETURNING id`, 'deleted transition');
}
