/** What the bulletin's files need besides its numbers: township outlines with a label point, and whether the data is a demo. */
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Point } from 'geojson';
import type { Db } from '../client';

export async function townshipShapes(db: Db): Promise<{ code: string; geom: MultiPolygon; label: Point }[]> {
  return db.rows(
    sql`SELECT code, ST_AsGeoJSON(geom, 5)::json AS geom, ST_AsGeoJSON(ST_PointOnSurface(geom), 5)::json AS label
        FROM townships ORDER BY code`,
  );
}

/** True when any loaded dataset is synthetic (the files then say 演示数据). */
export async function demoData(db: Db): Promise<boolean> {
  const row = await db.one<{ demo: boolean }>(
    sql`SELECT coalesce(bool_or(synthetic), false) AS demo FROM datasets`,
    'dataset synthetic flag',
  );
  return row.demo;
}
