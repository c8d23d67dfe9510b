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

/** The townships of county `adcode` (default: the focus county). */
export async function townshipCounts(db: Db, from: string, to: string, adcode?: string): Promise<TownshipCounts[]> {
  const county =
    adcode === undefined ? sql`t.adcode IN (SELECT adcode FROM counties WHERE focus)` : sql`t.adcode = ${adcode}`;
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
    WHERE ${county}
    ORDER BY t.code`);
}

/**
 * What rebound detection needs for hazards found from `from` to `to`: those hazards and every
 * earlier one verified within `windowDays` before `from` (their possible predecessors), leaving out
 * hazards alone at their site and category. One JSON
 * row (far cheaper on PGlite than tens of thousands of rows).
 */
export async function reboundInputs(
  db: Db,
  from: string,
  to: string,
  windowDays: number,
): Promise<
  { id: number; siteId: number; category: string; foundOn: string; verifiedOn: string | null; townshipCode: string }[]
> {
  const row = await db.one<{ list: string }>(
    sql`SELECT coalesce(json_agg(json_build_array(id, site_id, category, found_on, verified_on, township_code) ORDER BY id),
          '[]'::json)::text AS list
        FROM hazards h
        WHERE found_on <= ${to}::date
          AND (found_on >= ${from}::date OR verified_on >= ${from}::date - ${windowDays}::int)
          -- A hazard alone at its site and category is neither a rebound nor a predecessor.
          AND EXISTS (SELECT 1 FROM hazards o WHERE o.site_id = h.site_id AND o.category = h.category AND o.id <> h.id
                        AND o.found_on <= ${to}::date)`,
    'rebound inputs',
  );
  return (JSON.parse(row.list) as [number, number, string, string, string | null, string][]).map(
    ([id, siteId, category, foundOn, verifiedOn, townshipCode]) => ({
      id,
      siteId,
      category,
      foundOn,
      verifiedOn,
      townshipCode,
    }),
  );
}

export async function datasetAsOf(db: Db): Promise<string> {
  const row = await db.one<{ asOf: string | null }>(
    sql`SELECT max(as_of)::text AS "asOf" FROM datasets`,
    'dataset as_of',
  );
  if (row.asOf === null) throw new Error('no dataset loaded');
  return row.asOf;
}

export interface TrendBucket {
  from: string;
  to: string;
  found: number;
  rectified: number;
  verified: number;
  enforcement: number;
}

/** One township's events in consecutive buckets of `stepDays` from `from` (the last one cut at `to`). */
export async function townshipTrend(
  db: Db,
  code: string,
  from: string,
  to: string,
  stepDays: number,
): Promise<TrendBucket[]> {
  const bucket = (col: string) => sql`(${sql.raw(col)} - ${from}::date) / ${stepDays}::int`;
  const within = (col: string) => sql`${sql.raw(col)} BETWEEN ${from}::date AND ${to}::date`;
  return db.rows<TrendBucket>(sql`
    WITH b AS (
      SELECT i, ${from}::date + i * ${stepDays}::int AS s
      FROM generate_series(0, (${to}::date - ${from}::date) / ${stepDays}::int) AS i),
    ev AS (
      SELECT ${bucket('found_on')} AS i, 1 AS f, 0 AS r, 0 AS v, 0 AS e FROM hazards
        WHERE township_code = ${code} AND ${within('found_on')}
      UNION ALL SELECT ${bucket('rectified_on')}, 0, 1, 0, 0 FROM hazards
        WHERE township_code = ${code} AND ${within('rectified_on')}
      UNION ALL SELECT ${bucket('verified_on')}, 0, 0, 1, 0 FROM hazards
        WHERE township_code = ${code} AND ${within('verified_on')}
      UNION ALL SELECT ${bucket('decided_on')}, 0, 0, 0, 1 FROM enforcement_actions
        WHERE township_code = ${code} AND ${within('decided_on')})
    SELECT b.s::text AS "from", least(b.s + (${stepDays}::int - 1), ${to}::date)::text AS "to",
      coalesce(sum(ev.f), 0)::int AS found, coalesce(sum(ev.r), 0)::int AS rectified,
      coalesce(sum(ev.v), 0)::int AS verified, coalesce(sum(ev.e), 0)::int AS enforcement
    FROM b LEFT JOIN ev ON ev.i = b.i GROUP BY b.i, b.s ORDER BY b.i`);
}
