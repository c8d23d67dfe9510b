/**
 * Hydrant inspections (issue 13, tables in db/schema-inspections.ts): the record and its photos,
 * the hydrant's status and last-inspected date that follow it, the intervals per kind, and the
 * due list — hydrants not inspected within their kind's interval on a day. SQL only.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { InspectionChecks } from '../schema-inspections';

export const DEFAULT_INTERVAL_DAYS = 365;

export interface InspectionRow {
  id: number;
  hydrantId: number;
  townshipCode: string | null;
  inspectedOn: string;
  inspector: string;
  result: 'ok' | 'faulty' | 'untestable' | 'missing';
  checks: InspectionChecks;
  note: string | null;
  lon: number | null;
  lat: number | null;
  accuracyM: number | null;
  photoIds: number[];
}

const columns = sql`i.id, i.hydrant_id AS "hydrantId", i.township_code AS "townshipCode",
  i.inspected_on::text AS "inspectedOn", i.inspector, i.result::text AS result, i.checks, i.note, i.lon, i.lat,
  i.accuracy_m AS "accuracyM",
  coalesce((SELECT array_agg(p.id ORDER BY p.id) FROM hydrant_inspection_photos p WHERE p.inspection_id = i.id),
    '{}') AS "photoIds"`;

export interface NewInspection {
  adcode: string;
  hydrantId: number;
  townshipCode: string | null;
  inspectedOn: string;
  inspector: string;
  result: string;
  checks: InspectionChecks;
  note: string | null;
  lon: number | null;
  lat: number | null;
  accuracyM: number | null;
}

export async function insertInspection(tx: Db, r: NewInspection): Promise<number> {
  const row = await tx.one<{ id: number }>(
    sql`INSERT INTO hydrant_inspections
        (adcode, hydrant_id, township_code, inspected_on, inspector, result, checks, note, lon, lat, accuracy_m)
      VALUES (${r.adcode}, ${r.hydrantId}, ${r.townshipCode}, ${r.inspectedOn}::date, ${r.inspector},
        ${r.result}::inspection_result, ${JSON.stringify(r.checks)}::jsonb, ${r.note}, ${r.lon}::float8,
        ${r.lat}::float8, ${r.accuracyM}::float8)
      RETURNING id`,
    'inserted inspection',
  );
  return row.id;
}

export async function insertPhoto(tx: Db, inspectionId: number, mime: string, bytes: Buffer): Promise<void> {
  await tx.one(
    sql`INSERT INTO hydrant_inspection_photos (inspection_id, mime, bytes)
        VALUES (${inspectionId}, ${mime}, decode(${bytes.toString('base64')}, 'base64')) RETURNING id`,
    'inserted photo',
  );
}

export async function inspectionById(db: Db, id: number): Promise<InspectionRow> {
  return db.one<InspectionRow>(sql`SELECT ${columns} FROM hydrant_inspections i WHERE i.id = ${id}`, 'inspection');
}

/** Inspections of one hydrant, latest first. */
export async function inspectionsOf(db: Db, hydrantId: number): Promise<InspectionRow[]> {
  return db.rows<InspectionRow>(
    sql`SELECT ${columns} FROM hydrant_inspections i WHERE i.hydrant_id = ${hydrantId}
        ORDER BY i.inspected_on DESC, i.id DESC`,
  );
}

export async function photoById(db: Db, id: number) {
  const [row] = await db.rows<{ mime: string; data: string; townshipCode: string | null }>(
    sql`SELECT p.mime, encode(p.bytes, 'base64') AS data, i.township_code AS "townshipCode"
        FROM hydrant_inspection_photos p JOIN hydrant_inspections i ON i.id = p.inspection_id WHERE p.id = ${id}`,
  );
  return row ?? null;
}

/**
 * The hydrant after an inspection dated `on`: `last_inspected_on` moves forward to it (never
 * back), and when it is the latest inspection `status` (if given) becomes the result's.
 */
export async function followInspection(tx: Db, hydrantId: number, on: string, status: string | null) {
  await tx.one(
    sql`UPDATE hydrants SET
        status = CASE WHEN ${status}::text IS NOT NULL AND (last_inspected_on IS NULL OR last_inspected_on <= ${on}::date)
                      THEN ${status}::hydrant_status ELSE status END,
        last_inspected_on = greatest(last_inspected_on, ${on}::date)
      WHERE id = ${hydrantId} RETURNING id`,
    'hydrant after inspection',
  );
}

/** Days between inspections per hydrant kind in a county (a kind without a row: 365). */
export async function intervalsOf(db: Db, adcode: string, kinds: readonly string[]): Promise<Record<string, number>> {
  const rows = await db.rows<{ kind: string; days: number }>(
    sql`SELECT kind::text AS kind, days FROM inspection_intervals WHERE adcode = ${adcode}`,
  );
  const set = new Map(rows.map((r) => [r.kind, r.days]));
  return Object.fromEntries(kinds.map((k) => [k, set.get(k) ?? DEFAULT_INTERVAL_DAYS]));
}

export async function setInterval(tx: Db, adcode: string, kind: string, days: number): Promise<void> {
  await tx.one(
    sql`INSERT INTO inspection_intervals (adcode, kind, days) VALUES (${adcode}, ${kind}::hydrant_kind, ${days})
        ON CONFLICT (adcode, kind) DO UPDATE SET days = excluded.days RETURNING days`,
    'set interval',
  );
}

export interface DueHydrant {
  id: number;
  code: string;
  kind: string;
  status: string;
  townshipCode: string | null;
  roadName: string | null;
  lastInspectedOn: string | null;
  intervalDays: number;
  /** Days past the due date (last + interval); null = never inspected. */
  overdueDays: number | null;
  lon: number;
  lat: number;
}

/**
 * Hydrants (not planned ones) of county `adcode` whose last inspection is older than their
 * kind's interval on `asOf`, or that were never inspected — never-inspected first, then the most
 * overdue, then by code.
 */
export async function dueHydrants(db: Db, asOf: string, adcode: string, township?: string): Promise<DueHydrant[]> {
  return db.rows<DueHydrant>(sql`
    SELECT h.id, h.code, h.kind::text AS kind, h.status::text AS status, h.township_code AS "townshipCode",
      h.road_name AS "roadName", h.last_inspected_on::text AS "lastInspectedOn",
      coalesce(iv.days, ${DEFAULT_INTERVAL_DAYS})::int AS "intervalDays",
      (${asOf}::date - (h.last_inspected_on + coalesce(iv.days, ${DEFAULT_INTERVAL_DAYS})))::int AS "overdueDays",
      ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat
    FROM hydrants h
    LEFT JOIN inspection_intervals iv ON iv.adcode = h.adcode AND iv.kind = h.kind
    WHERE h.adcode = ${adcode} AND h.status <> 'planned'
      AND (h.last_inspected_on IS NULL
           OR h.last_inspected_on + coalesce(iv.days, ${DEFAULT_INTERVAL_DAYS}) <= ${asOf}::date)
      ${township === undefined ? sql`` : sql`AND h.township_code = ${township}`}
    ORDER BY h.last_inspected_on IS NOT NULL, "overdueDays" DESC, h.code`);
}

/** Where an inspection run of a township starts: its in-service township team, else its seat. */
export async function routeStart(db: Db, township: string) {
  return db.one<{ name: string; lon: number; lat: number; kind: 'unit' | 'seat' }>(
    sql`SELECT * FROM (
        SELECT u.name, ST_X(u.geom) AS lon, ST_Y(u.geom) AS lat, 'unit' AS kind, 0 AS o
        FROM units u WHERE u.township_code = ${township} AND u.kind = 'township_team' AND u.status = 'in_service'
        UNION ALL
        SELECT t.name, ST_X(t.seat), ST_Y(t.seat), 'seat', 1 FROM townships t WHERE t.code = ${township}
      ) s ORDER BY o LIMIT 1`,
    'route start',
  );
}
