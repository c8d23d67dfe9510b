/** The demo county: real Wuyang boundaries and names plus seeded synthetic assets (data/README.md). */
import { generateDemoCounty } from '../../data/synthetic/generate';
import { loadRealCountyData } from '../../data/wuyang/load';
import type { Db } from '../../db/client';
import { clearAll, isLoaded, seedCounty } from '../../db/seed';

export const DEMO_ADCODE = '411121';

/** Seeds the demo county unless it is loaded already; `reset` wipes every table first. */
export async function ensureDemoCounty(db: Db, options: { reset?: boolean } = {}): Promise<'seeded' | 'present'> {
  if (options.reset) await clearAll(db);
  else if (await isLoaded(db, DEMO_ADCODE)) return 'present';
  await seedCounty(db, generateDemoCounty(loadRealCountyData()));
  return 'seeded';
}
