/** Seeding is idempotent and all-or-nothing (one transaction), on a real PGlite. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../data/synthetic/generate';
import { loadRealCountyData } from '../../data/wuyang/load';
import type { Db } from '../../db/client';
import { seedCounty } from '../../db/seed';
import { ensureDemoCounty } from '../../server/services/demo-county';
import { openTestDb } from '../helpers/test-db';

describe('seeding', () => {
  let db: Db;
  const counts = () =>
    db.one<{ datasets: number; roads: number; sites: number; hazards: number }>(sql`SELECT
      (SELECT count(*)::int FROM datasets) AS datasets, (SELECT count(*)::int FROM roads) AS roads,
      (SELECT count(*)::int FROM sites) AS sites, (SELECT count(*)::int FROM hazards) AS hazards`);

  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('leaves a loaded county alone on the next start', async () => {
    const before = await counts();
    expect(await ensureDemoCounty(db)).toBe('present');
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when any row of a dataset is bad', async () => {
    const before = await counts();
    const data = generateDemoCounty(loadRealCountyData());
    const other = '419999';
    const bad = {
      ...data,
      dataset: { ...data.dataset, adcode: other },
      counties: [],
      townships: [],
      villages: [],
      roadClasses: [],
      // A road of a class that does not exist: the foreign key fails after the dataset row is in.
      roads: [{ ...(data.roads[0] as (typeof data.roads)[0]), adcode: other, class: 'no_such_class' }],
      parks: [],
      pois: [],
      units: [],
      hydrants: [],
      sites: [],
      hazards: [],
      hazardTransitions: [],
      enforcementActions: [],
    };
    await expect(seedCounty(db, bad)).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect(await db.rows(sql`SELECT 1 FROM datasets WHERE adcode = ${other}`)).toEqual([]);
  });
});
