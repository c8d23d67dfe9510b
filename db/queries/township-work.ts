/** Township work records (db/schema-township-work.ts): per-township counts for a window, lists, inserts. */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ofCounty } from './county';

export interface WorkCounts {
  code: string;
  /** Distinct places patrolled in the window: a site by its id, a free place by its address. */
  patrolledPlaces: number;
  patrols: number;
  trainings: number;
  villageVisits: number;
  /** Hazards the township patrols found in the window and that were rectified by its end. */
  townshipRectified: number;
}

/** Per township of county `adcode` (default the focus county). */
export async function workCounts(db: Db, from: string, to: string, adcode?: string): Promise<WorkCounts[]> {
  return db.rows<WorkCounts>(sql`
    WITH p AS (
      SELECT township_code, count(DISTINCT coalesce('s' || site_id::text, 'a' || address)) AS places, count(*) AS n
      FROM patrols WHERE patrolled_on BETWEEN ${from}::date AND ${to}::date GROUP BY township_code),
    tr AS (SELECT township_code, count(*) AS n FROM trainings
      WHERE held_on BETWEEN ${from}::date AND ${to}::date GROUP BY township_code),
    v AS (SELECT township_code, count(*) AS n FROM village_visits
      WHERE visited_on BETWEEN ${from}::date AND ${to}::date GROUP BY township_code),
    h AS (SELECT township_code, count(*) AS n FROM hazards
      WHERE source = 'township_patrol' AND found_on BETWEEN ${from}::date AND ${to}::date
        AND rectified_on <= ${to}::date GROUP BY township_code)
    SELECT t.code, coalesce(p.places, 0)::int AS "patrolledPlaces", coalesce(p.n, 0)::int AS patrols,
      coalesce(tr.n, 0)::int AS trainings, coalesce(v.n, 0)::int AS "villageVisits",
      coalesce(h.n, 0)::int AS "townshipRectified"
    FROM townships t LEFT JOIN p ON p.township_code = t.code LEFT JOIN tr ON tr.township_code = t.code
      LEFT JOIN v ON v.township_code = t.code LEFT JOIN h ON h.township_code = t.code
    WHERE ${ofCounty(adcode, sql`t.adcode`)}
    ORDER BY t.code`);
}

/** Distinct places patrolled county-wide (a place patrolled by two townships' staff counts once); default the focus county. */
export async function countyPatrolledPlaces(db: Db, from: string, to: string, adcode?: string): Promise<number> {
  const row = await db.one<{ n: number }>(
    sql`SELECT count(DISTINCT coalesce('s' || site_id::text, 'a' || address))::int AS n FROM patrols
        WHERE patrolled_on BETWEEN ${from}::date AND ${to}::date AND ${ofCounty(adcode)}`,
    'county patrolled places',
  );
  return row.n;
}

export interface ListFilter {
  township?: string;
  /** Only this county's records (a checked adcode). */
  county?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

function where(dateCol: string, f: ListFilter, alias = 'r'): SQL {
  const parts: SQL[] = [];
  const col = sql.raw(`${alias}.${dateCol}`);
  if (f.township !== undefined) parts.push(sql`${sql.raw(alias)}.township_code = ${f.township}`);
  if (f.county !== undefined) parts.push(sql`${sql.raw(alias)}.adcode = ${f.county}`);
  if (f.from !== undefined) parts.push(sql`${col} >= ${f.from}::date`);
  if (f.to !== undefined) parts.push(sql`${col} <= ${f.to}::date`);
  return parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``;
}

export interface PatrolRow {
  id: number;
  townshipCode: string;
  siteId: number | null;
  siteName: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  patrolledOn: string;
  patroller: string;
  hazardsFound: number;
  note: string | null;
  synthetic: boolean;
}

const patrolColumns = sql`r.id, r.township_code AS "townshipCode", r.site_id AS "siteId", s.name AS "siteName",
  coalesce(r.address, s.address) AS address, ST_X(coalesce(r.geom, s.geom)) AS lon, ST_Y(coalesce(r.geom, s.geom)) AS lat,
  r.patrolled_on::text AS "patrolledOn", r.patroller, r.hazards_found AS "hazardsFound", r.note, r.synthetic`;

export async function listPatrols(db: Db, f: ListFilter): Promise<{ total: number; rows: PatrolRow[] }> {
  const w = where('patrolled_on', f);
  const [total] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM patrols r ${w}`);
  const rows = await db.rows<PatrolRow>(
    sql`SELECT ${patrolColumns} FROM patrols r LEFT JOIN sites s ON s.id = r.site_id ${w}
        ORDER BY r.patrolled_on DESC, r.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return { total: total?.n ?? 0, rows };
}

export async function insertPatrol(
  db: Db,
  p: {
    townshipCode: string;
    siteId: number | null;
    address: string | null;
    lonLat: [number, number] | null;
    patrolledOn: string;
    patroller: string;
    hazardsFound: number;
    note: string | null;
  },
): Promise<PatrolRow> {
  const geom = p.lonLat ? sql`ST_SetSRID(ST_MakePoint(${p.lonLat[0]}, ${p.lonLat[1]}), 4326)` : sql`NULL`;
  return db.one<PatrolRow>(
    sql`WITH ins AS (
          INSERT INTO patrols (adcode, township_code, site_id, address, geom, patrolled_on, patroller, hazards_found, note)
          VALUES (substr(${p.townshipCode}, 1, 6), ${p.townshipCode}, ${p.siteId}::int, ${p.address}, ${geom},
            ${p.patrolledOn}::date, ${p.patroller}, ${p.hazardsFound}::int, ${p.note}) RETURNING *)
        SELECT ${patrolColumns} FROM ins r LEFT JOIN sites s ON s.id = r.site_id`,
    'inserted patrol',
  );
}

export interface TrainingRow {
  id: number;
  townshipCode: string;
  heldOn: string;
  kind: 'training' | 'drill' | 'publicity' | 'banner' | 'leaflet';
  place: string;
  quantity: number;
  note: string | null;
  synthetic: boolean;
}

const trainingColumns = sql`r.id, r.township_code AS "townshipCode", r.held_on::text AS "heldOn", r.kind::text AS kind,
  r.place, r.quantity, r.note, r.synthetic`;

export async function listTrainings(db: Db, f: ListFilter): Promise<{ total: number; rows: TrainingRow[] }> {
  const w = where('held_on', f);
  const [total] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM trainings r ${w}`);
  const rows = await db.rows<TrainingRow>(
    sql`SELECT ${trainingColumns} FROM trainings r ${w} ORDER BY r.held_on DESC, r.id DESC
        LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return { total: total?.n ?? 0, rows };
}

export async function insertTraining(
  db: Db,
  t: { townshipCode: string; heldOn: string; kind: string; place: string; quantity: number; note: string | null },
): Promise<TrainingRow> {
  return db.one<TrainingRow>(
    sql`WITH ins AS (
          INSERT INTO trainings (adcode, township_code, held_on, kind, place, quantity, note)
          VALUES (substr(${t.townshipCode}, 1, 6), ${t.townshipCode}, ${t.heldOn}::date, ${t.kind}::training_kind,
            ${t.place}, ${t.quantity}::int, ${t.note}) RETURNING *)
        SELECT ${trainingColumns} FROM ins r`,
    'inserted training',
  );
}

export interface VillageVisitRow {
  id: number;
  townshipCode: string;
  villageCode: string;
  villageName: string;
  visitedOn: string;
  topic: string;
  note: string | null;
  synthetic: boolean;
}

const visitColumns = sql`r.id, r.township_code AS "townshipCode", r.village_code AS "villageCode", v.name AS "villageName",
  r.visited_on::text AS "visitedOn", r.topic, r.note, r.synthetic`;

export async function listVillageVisits(db: Db, f: ListFilter): Promise<{ total: number; rows: VillageVisitRow[] }> {
  const w = where('visited_on', f);
  const [total] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM village_visits r ${w}`);
  const rows = await db.rows<VillageVisitRow>(
    sql`SELECT ${visitColumns} FROM village_visits r JOIN villages v ON v.code = r.village_code ${w}
        ORDER BY r.visited_on DESC, r.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  return { total: total?.n ?? 0, rows };
}

export async function insertVillageVisit(
  db: Db,
  v: { townshipCode: string; villageCode: string; visitedOn: string; topic: string; note: string | null },
): Promise<VillageVisitRow> {
  return db.one<VillageVisitRow>(
    sql`WITH ins AS (
          INSERT INTO village_visits (adcode, township_code, village_code, visited_on, topic, note)
          VALUES (substr(${v.townshipCode}, 1, 6), ${v.townshipCode}, ${v.villageCode}, ${v.visitedOn}::date,
            ${v.topic}, ${v.note}) RETURNING *)
        SELECT ${visitColumns} FROM ins r JOIN villages v ON v.code = r.village_code`,
    'inserted village visit',
  );
}

/** The township a site or a village belongs to (null when it does not exist). */
export async function townshipOfSite(db: Db, siteId: number): Promise<string | null> {
  const [row] = await db.rows<{ code: string }>(sql`SELECT township_code AS code FROM sites WHERE id = ${siteId}`);
  return row?.code ?? null;
}

export async function townshipOfVillage(db: Db, villageCode: string): Promise<string | null> {
  const [row] = await db.rows<{ code: string }>(
    sql`SELECT township_code AS code FROM villages WHERE code = ${villageCode}`,
  );
  return row?.code ?? null;
}

/** Is the point inside the township's boundary? */
export async function pointInTownship(db: Db, code: string, lonLat: [number, number]): Promise<boolean> {
  const rows = await db.rows<{ one: number }>(
    sql`SELECT 1 AS one FROM townships WHERE code = ${code}
        AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${lonLat[0]}, ${lonLat[1]}), 4326))`,
  );
  return rows.length > 0;
}
