/** Unit duty status rows (db/schema-unit-duty.ts): the board's read, one unit's row locked, the upsert. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface UnitDutyRow {
  unitId: number;
  code: string;
  name: string;
  kind: string;
  unitStatus: string;
  townshipCode: string | null;
  adcode: string;
  staff: number;
  vehicles: number;
  turnoutS: number;
  lon: number;
  lat: number;
  /** null: never set (the default follows the unit's status). */
  dutyStatus: string | null;
  note: string | null;
  setBy: string | null;
  setAt: string | null;
}

const columns = sql`u.id AS "unitId", u.code, u.name, u.kind::text AS kind, u.status::text AS "unitStatus",
  u.township_code AS "townshipCode", u.adcode, u.staff, u.vehicles, u.turnout_s AS "turnoutS",
  ST_X(u.geom) AS lon, ST_Y(u.geom) AS lat, d.status::text AS "dutyStatus", d.note,
  d.set_by AS "setBy", to_char(d.set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "setAt"`;

export async function unitDutyRows(db: Db): Promise<UnitDutyRow[]> {
  return db.rows<UnitDutyRow>(
    sql`SELECT ${columns} FROM units u LEFT JOIN unit_duty d ON d.unit_id = u.id ORDER BY u.id`,
  );
}

/** One unit with its duty row, the unit locked for the write (null if no such unit). */
export async function lockUnitDuty(db: Db, unitId: number): Promise<UnitDutyRow | null> {
  const [row] = await db.rows<UnitDutyRow>(
    sql`SELECT ${columns} FROM units u LEFT JOIN unit_duty d ON d.unit_id = u.id WHERE u.id = ${unitId} FOR UPDATE OF u`,
  );
  return row ?? null;
}

export async function upsertUnitDuty(
  db: Db,
  row: { unitId: number; adcode: string; status: string; note: string | null; setBy: string; atMs: number },
): Promise<void> {
  await db.rows(
    sql`INSERT INTO unit_duty (unit_id, adcode, status, note, set_by, set_at)
    VALUES (${row.unitId}, ${row.adcode}, ${row.status}::unit_duty_status, ${row.note}, ${row.setBy}, to_timestamp(${row.atMs}::float8 / 1000))
    ON CONFLICT (unit_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
  );
}
