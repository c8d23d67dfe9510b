/** Enforcement actions (罚款、查封、三停、拘留) per site. */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface EnforcementRow {
  id: number;
  siteId: number;
  siteName: string;
  townshipCode: string;
  kind: 'fine' | 'seal' | 'three_stops' | 'detention';
  fineYuan: number | null;
  decidedOn: string;
  note: string | null;
  synthetic: boolean;
}

const columns = sql`e.id, e.site_id AS "siteId", s.name AS "siteName", e.township_code AS "townshipCode",
  e.kind::text AS kind, e.fine_yuan AS "fineYuan", e.decided_on::text AS "decidedOn", e.note, e.synthetic`;

export async function siteTownship(db: Db, siteId: number): Promise<string | null> {
  const [row] = await db.rows<{ townshipCode: string }>(
    sql`SELECT township_code AS "townshipCode" FROM sites WHERE id = ${siteId}`,
  );
  return row?.townshipCode ?? null;
}

export async function insertEnforcement(
  db: Db,
  a: { siteId: number; kind: string; fineYuan: number | null; decidedOn: string; note: string | null },
): Promise<EnforcementRow> {
  return db.one<EnforcementRow>(
    sql`WITH ins AS (
          INSERT INTO enforcement_actions (adcode, site_id, township_code, kind, fine_yuan, decided_on, note, synthetic)
          SELECT s.adcode, s.id, s.township_code, ${a.kind}::enforcement_kind, ${a.fineYuan}::int, ${a.decidedOn}::date,
            ${a.note}, false
          FROM sites s WHERE s.id = ${a.siteId} RETURNING *)
        SELECT ${columns} FROM ins e JOIN sites s ON s.id = e.site_id`,
    'inserted enforcement action',
  );
}

export async function listEnforcement(
  db: Db,
  f: { township?: string; from?: string; to?: string; kind?: string },
): Promise<EnforcementRow[]> {
  const where: SQL[] = [];
  if (f.township !== undefined) where.push(sql`e.township_code = ${f.township}`);
  if (f.from !== undefined) where.push(sql`e.decided_on >= ${f.from}::date`);
  if (f.to !== undefined) where.push(sql`e.decided_on <= ${f.to}::date`);
  if (f.kind !== undefined) where.push(sql`e.kind = ${f.kind}::enforcement_kind`);
  const whereSql = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  return db.rows<EnforcementRow>(
    sql`SELECT ${columns} FROM enforcement_actions e JOIN sites s ON s.id = e.site_id ${whereSql}
        ORDER BY e.decided_on, e.id`,
  );
}
