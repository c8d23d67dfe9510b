/** Hazards as JSON rows with filters (the map layer GET /api/hazards stays GeoJSON). */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { HazardRow } from './hazard-lifecycle';

export interface HazardListFilters {
  township?: string;
  /** Only this county's hazards (a checked adcode). */
  county?: string;
  status?: string;
  category?: string;
  /** Past the deadline and not rectified as of `asOf`. */
  overdue?: boolean;
  /** Is one of `reboundIds` (the rebound rule's answer, server/analysis/hazard-rebound.ts). */
  rebound?: boolean;
  from?: string;
  to?: string;
  asOf: string;
  /** Every rebound's id, by detectRebounds — this query does not define rebounds itself. */
  reboundIds: readonly number[];
  limit: number;
  offset: number;
}

export type HazardListRow = HazardRow & { siteName: string; overdue: boolean; rebound: boolean };

export async function listHazards(db: Db, f: HazardListFilters): Promise<{ total: number; rows: HazardListRow[] }> {
  const overdue = sql`(h.found_on <= ${f.asOf}::date AND h.deadline < ${f.asOf}::date
    AND (h.rectified_on IS NULL OR h.rectified_on > ${f.asOf}::date))`;
  const rebound = sql`(h.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(f.reboundIds)}::jsonb)::int))`;
  const where: SQL[] = [];
  if (f.township !== undefined) where.push(sql`h.township_code = ${f.township}`);
  if (f.county !== undefined) where.push(sql`h.adcode = ${f.county}`);
  if (f.status !== undefined) where.push(sql`h.status = ${f.status}::hazard_status`);
  if (f.category !== undefined) where.push(sql`h.category = ${f.category}::hazard_category`);
  if (f.from !== undefined) where.push(sql`h.found_on >= ${f.from}::date`);
  if (f.to !== undefined) where.push(sql`h.found_on <= ${f.to}::date`);
  if (f.overdue !== undefined) where.push(f.overdue ? overdue : sql`NOT ${overdue}`);
  if (f.rebound !== undefined) where.push(f.rebound ? rebound : sql`NOT ${rebound}`);
  const whereSql = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const row = await db.one<{ total: number; rows: HazardListRow[] }>(
    sql`WITH m AS (
          SELECT h.id, h.site_id AS "siteId", s.name AS "siteName", h.township_code AS "townshipCode",
            h.category::text AS category, h.severity::text AS severity, h.status::text AS status, h.description,
            h.found_on::text AS "foundOn", h.deadline::text AS deadline, h.rectified_on::text AS "rectifiedOn",
            h.verified_on::text AS "verifiedOn", h.predecessor_id AS "predecessorId", h.synthetic,
            ${overdue} AS overdue, ${rebound} AS rebound
          FROM hazards h JOIN sites s ON s.id = h.site_id ${whereSql})
        SELECT (SELECT count(*)::int FROM m) AS total,
          coalesce((SELECT json_agg(p ORDER BY p.id) FROM (SELECT * FROM m ORDER BY id LIMIT ${f.limit} OFFSET ${f.offset}) p),
            '[]'::json) AS rows`,
    'hazard list',
  );
  return row;
}
