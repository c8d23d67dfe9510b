/** Named what-if scenarios (table `scenarios`); the baseline tables are never written here. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface ScenarioRow {
  id: number;
  adcode: string;
  name: string;
  description: string | null;
  changes: unknown;
  createdAt: string;
  updatedAt: string;
}

const columns = sql`id, adcode, name, description, changes, created_at::text AS "createdAt", updated_at::text AS "updatedAt"`;

/** The scenarios of one county. */
export async function listScenarios(db: Db, adcode: string): Promise<ScenarioRow[]> {
  return db.rows<ScenarioRow>(sql`SELECT ${columns} FROM scenarios WHERE adcode = ${adcode} ORDER BY id`);
}

export async function findScenario(db: Db, id: number): Promise<ScenarioRow | undefined> {
  const [row] = await db.rows<ScenarioRow>(sql`SELECT ${columns} FROM scenarios WHERE id = ${id}`);
  return row;
}

export async function insertScenario(
  db: Db,
  s: { adcode: string; name: string; description: string | null; changes: unknown },
): Promise<ScenarioRow> {
  return db.one<ScenarioRow>(
    sql`INSERT INTO scenarios (adcode, name, description, changes)
      VALUES (${s.adcode}, ${s.name}, ${s.description}, ${JSON.stringify(s.changes)}::jsonb) RETURNING ${columns}`,
    'insert scenario',
  );
}

export async function updateScenario(
  db: Db,
  id: number,
  s: { name: string; description: string | null; changes: unknown },
): Promise<ScenarioRow | undefined> {
  const [row] = await db.rows<ScenarioRow>(
    sql`UPDATE scenarios SET name = ${s.name}, description = ${s.description},
      changes = ${JSON.stringify(s.changes)}::jsonb, updated_at = now() WHERE id = ${id} RETURNING ${columns}`,
  );
  return row;
}

export async function deleteScenario(db: Db, id: number): Promise<boolean> {
  const rows = await db.rows<{ id: number }>(sql`DELETE FROM scenarios WHERE id = ${id} RETURNING id`);
  return rows.length > 0;
}
