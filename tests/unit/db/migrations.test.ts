/** The committed migrations must carry the SRID on every geometry column (drizzle-kit 0.31 may drop it). */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../../db/migrations/', import.meta.url);
const sqlFiles = readdirSync(dir).filter((f) => f.endsWith('.sql'));

describe('migrations', () => {
  it('enable PostGIS before any table uses it', () => {
    expect(sqlFiles[0]).toMatch(/^0000_/);
    expect(readFileSync(new URL(sqlFiles[0] as string, dir), 'utf8')).toContain(
      'CREATE EXTENSION IF NOT EXISTS postgis',
    );
  });

  it('declare every geometry column with SRID 4326', () => {
    const columns = sqlFiles.flatMap((f) => readFileSync(new URL(f, dir), 'utf8').match(/geometry\([^)]*\)/gi) ?? []);
    expect(columns.length).toBeGreaterThan(5);
    for (const column of columns) expect(column).toMatch(/^geometry\((Point|LineString|MultiPolygon),4326\)$/);
  });
});
