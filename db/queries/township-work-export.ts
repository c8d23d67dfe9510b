/**
 * Township work records for an export, each row keyed by its import layer's columns (the file an
 * export writes imports back unchanged): a patrol's site by its code, or its address and point; a
 * township by its name; a village by its name, or its code where the township has two of that name.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface WorkExportFilter {
  township?: string;
  /** Only this county's records (a checked adcode). */
  county?: string;
  from?: string;
  to?: string;
}

export interface WorkExportRow {
  r: Record<string, unknown>;
  lon: number | null;
  lat: number | null;
}

function where(dateColumn: string, f: WorkExportFilter): SQL {
  const parts: SQL[] = [sql`true`];
  const d = sql.raw(`r.${dateColumn}`);
  if (f.township !== undefined) parts.push(sql`r.township_code = ${f.township}`);
  if (f.county !== undefined) parts.push(sql`r.adcode = ${f.county}`);
  if (f.from !== undefined) parts.push(sql`${d} >= ${f.from}::date`);
  if (f.to !== undefined) parts.push(sql`${d} <= ${f.to}::date`);
  return sql.join(parts, sql` AND `);
}

const SELECTS: Record<string, (f: WorkExportFilter) => SQL> = {
  patrols: (f) => sql`SELECT jsonb_build_object('site', s.code, 'address', r.address,
      'patrolled_on', r.patrolled_on::text, 'patroller', r.patroller, 'hazards_found', r.hazards_found, 'note', r.note) AS r,
      ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat
    FROM patrols r LEFT JOIN sites s ON s.id = r.site_id WHERE ${where('patrolled_on', f)}
    ORDER BY r.patrolled_on, r.id`,
  trainings: (f) => sql`SELECT jsonb_build_object('township', t.name, 'held_on', r.held_on::text, 'kind', r.kind::text,
      'place', r.place, 'quantity', r.quantity, 'note', r.note) AS r, NULL::float8 AS lon, NULL::float8 AS lat
    FROM trainings r JOIN townships t ON t.code = r.township_code WHERE ${where('held_on', f)}
    ORDER BY r.held_on, r.id`,
  village_visits: (f) => sql`SELECT jsonb_build_object('township', t.name,
      'village', CASE WHEN (SELECT count(*) FROM villages o WHERE o.township_code = v.township_code AND o.name = v.name) = 1
        THEN v.name ELSE v.code END,
      'visited_on', r.visited_on::text, 'topic', r.topic, 'note', r.note) AS r, NULL::float8 AS lon, NULL::float8 AS lat
    FROM village_visits r JOIN townships t ON t.code = r.township_code JOIN villages v ON v.code = r.village_code
    WHERE ${where('visited_on', f)} ORDER BY r.visited_on, r.id`,
};

export async function workExportRows(db: Db, table: string, f: WorkExportFilter): Promise<WorkExportRow[]> {
  const select = SELECTS[table];
  if (!select) throw new Error(`no township work table ${table}`);
  const rows = await db.rows<WorkExportRow>(select(f));
  return rows.map((row) => ({ ...row, r: typeof row.r === 'string' ? JSON.parse(row.r) : row.r }));
}
