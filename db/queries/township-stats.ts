/** Per-township hazard and enforcement counts for a window (SQL aggregates; ratios in the service). */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface TownshipCounts {
  code: string;
  name: string;
  areaKm2: number;
  sites: number;
  /** Found in the window. */
  found: number;
  /** Found in the window and rectified by its end (the report's 发现并督促整改). */
  rectified: number;
  /** Found in the window and verified by its end. */
  verified: number;
  /** Verified within the window (the rebound rate's denominator). */
  verifiedInWindow: number;
  /** Found by the window's end and not rectified as of then. */
  open: number;
  /** Of those, past their deadline at the window's end. */
  overdue: number;
  fines: number;
  fineYuan: number;
  seals: number;
  threeStops: number;
  detentions: number;
}

export async function townshipCounts(db: Db, from: string, to: string): Promise<TownshipCounts[]> {
  return db.rows<TownshipCounts>(sql`
    WITH h AS (
      SELECT township_code,
        count(*) FILTER (WHERE found_on >= ${from}::date) AS found,
        count(*) FILTER (WHERE found_on >= ${from}::date AND rectified_on <= ${to}::date) AS rectified,
        count(*) FILTER (WHERE found_on >= ${from}::date AND verified_on <= ${to}::date) AS verified,
        count(*) FILTER (WHERE verified_on BETWEEN ${from}::date AND ${to}::date) AS verified_in_window,
        count(*) FILTER (WHERE rectified_on IS NULL OR rectified_on > ${to}::date) AS open,
        count(*) FILTER (WHERE deadline < ${to}::date AND (rectified_on IS NULL OR rectified_on > ${to}::date)) AS overdue
      FROM hazards WHERE found_on <= ${to}::date GROUP BY township_code),
    e AS (
      SELECT township_code,
        count(*) FILTER (WHERE kind = 'fine') AS fines,
        coalesce(sum(fine_yuan) FILTER (WHERE kind = 'fine'), 0) AS fine_yuan,
        count(*) FILTER (WHERE kind = 'seal') AS seals,
        count(*) FILTER (WHERE kind = 'three_stops') AS three_stops,
        count(*) FILTER (WHERE kind = 'detention') AS detentions
      FROM enforcement_actions WHERE decided_on BETWEEN ${from}::date AND ${to}::date GROUP BY township_code),
    s AS (SELECT township_code, count(*) AS n FROM sites GROUP BY township_code)
    SELECT t.code, t.name, t.area_km2 AS "areaKm2", coalesce(s.n, 0)::int AS sites,
      coalesce(h.found, 0)::int AS found, coalesce(h.rectified, 0)::int AS rectified,
      coalesce(h.verified, 0)::int AS verified, coalesce(h.verified_in_window, 0)::int AS "verifiedInWindow",
      coalesce(h.open, 0)::int AS open, coalesce(h.overdue, 0)::int AS overdue,
      coalesce(e.fines, 0)::int AS fines, coalesce(e.fine_yuan, 0)::int AS "fineYuan",
      coalesce(e.seals, 0)::int AS seals, coalesce(e.three_stops, 0)::int AS "threeStops",
      coalesce(e.detentions, 0)::int AS detentions
    FROM townships t LEFT JOIN h ON h.township_code = t.code LEFT JOIN e ON e.township_code = t.code
      LEFT JOIN s ON s.township_code = t.code
    ORDER BY t.code`);
}

/** Hazards that can matter for rebounds found up to `to`: every hazard found by then. */
export async function reboundInputs(
  db: Db,
  to: string,
): Promise<
  { id: number; siteId: number; category: string; foundOn: string; verifiedOn: string | null; townshipCode: string }[]
> {
  return db.rows(sql`
    SELECT id, site_id AS "siteId", category::text AS category, found_on::text AS "foundOn",
      verified_on::text AS "verifiedOn", township_code AS "townshipCode"
    FROM hazards WHERE found_on <= ${to}::date ORDER BY id`);
}

export async function datasetAsOf(db: Db): Promise<string> {
  const row = await db.one<{ asOf: string | null }>(
    sql`SELECT max(as_of)::text AS "asOf" FROM datasets`,
    'dataset as_of',
  );
  if (row.asOf === null) throw new Error('no dataset loaded');
  return row.asOf;
}
