/** Hazard points for a heat map: one weighted point per site, compact JSON built in SQL. */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface HeatFilters {
  /** all = found in the window; open = found by `to` and not rectified as of `to`. */
  state: 'all' | 'open';
  from: string;
  to: string;
  township?: string | undefined;
  /** Only this county's hazards (a checked adcode). */
  county?: string | undefined;
}

export async function hazardHeat(
  db: Db,
  f: HeatFilters,
): Promise<{ total: number; points: [number, number, number][] }> {
  const where: SQL[] = [
    f.state === 'all'
      ? sql`h.found_on BETWEEN ${f.from}::date AND ${f.to}::date`
      : sql`h.found_on <= ${f.to}::date AND (h.rectified_on IS NULL OR h.rectified_on > ${f.to}::date)`,
  ];
  if (f.township !== undefined) where.push(sql`h.township_code = ${f.township}`);
  if (f.county !== undefined) where.push(sql`h.adcode = ${f.county}`);
  return db.one(
    sql`SELECT coalesce(sum(x.n), 0)::int AS total,
          coalesce(json_agg(json_build_array(round(ST_X(s.geom)::numeric, 6), round(ST_Y(s.geom)::numeric, 6), x.n)
            ORDER BY s.id), '[]'::json) AS points
        FROM (SELECT h.site_id, count(*)::int AS n FROM hazards h WHERE ${sql.join(where, sql` AND `)} GROUP BY h.site_id) x
        JOIN sites s ON s.id = x.site_id`,
    'hazard heat',
  );
}
