/** What the bulletin's files need besides its numbers: township outlines with a label point, and the dataset's name and demo flag. */
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Point } from 'geojson';
import type { Db } from '../client';

export async function townshipShapes(db: Db): Promise<{ code: string; geom: MultiPolygon; label: Point }[]> {
  return db.rows(
    sql`SELECT code, ST_AsGeoJSON(geom, 5)::json AS geom, ST_AsGeoJSON(ST_PointOnSurface(geom), 5)::json AS label
        FROM townships ORDER BY code`,
  );
}

/** A county other than the dataset's (issue 12 §5): its name, and whether a synthetic dataset of it is loaded. */
export async function countyInfo(db: Db, adcode: string): Promise<{ adcode: string; name: string; demo: boolean }> {
  return db.one<{ adcode: string; name: string; demo: boolean }>(
    sql`SELECT c.adcode, c.name, coalesce(d.synthetic, false) AS demo
        FROM counties c LEFT JOIN datasets d ON d.adcode = c.adcode WHERE c.adcode = ${adcode}`,
    'county',
  );
}

/** The county issuing for `adcode`: the dataset's (as before) when it is that county, else the county's own. */
export async function issuingCounty(db: Db, adcode: string): Promise<{ adcode: string; name: string; demo: boolean }> {
  const dataset = await datasetInfo(db);
  return dataset.adcode === adcode ? dataset : countyInfo(db, adcode);
}

/** The county's name (舞阳县) and whether its data is synthetic (the files then say 演示数据). */
export async function datasetInfo(db: Db): Promise<{ adcode: string; name: string; demo: boolean }> {
  return db.one<{ adcode: string; name: string; demo: boolean }>(
    sql`SELECT adcode, name, synthetic AS demo FROM datasets ORDER BY loaded_at, adcode LIMIT 1`,
    'dataset',
  );
}
