/**
 * One rebound rule (issue 15 §5): the hazards layer's rebound flags — what its legend counts — and the
 * township statistics' rebound counts agree for every township and each window tried, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const WINDOWS = [
  ['2023-07-17', '2023-07-23'],
  ['2023-03-01', '2023-05-31'],
  ['2023-01-01', '2023-12-31'],
  ['2023-12-25', '2023-12-31'],
] as const;

function agreementSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`rebound counts on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
    });
    afterAll(async () => {
      await db?.close();
    });

    it('layer legend (rebound = yes, found in the window) = statistics, per township and window', async () => {
      const layer = (await (await app.request('/api/hazards')).json()) as {
        features: { properties: { townshipCode: string; foundOn: string; rebound: string } }[];
      };
      expect(layer.features.some((f) => f.properties.rebound === 'yes')).toBe(true);
      let compared = 0;
      for (const [from, to] of WINDOWS) {
        const stats = (await (await app.request(`/api/stats/townships?from=${from}&to=${to}`)).json()) as {
          townships: { code: string; current: { rebounds: number } }[];
        };
        for (const t of stats.townships) {
          const legend = layer.features.filter(
            (f) =>
              f.properties.rebound === 'yes' &&
              f.properties.townshipCode === t.code &&
              f.properties.foundOn >= from &&
              f.properties.foundOn <= to,
          ).length;
          expect(legend, `${t.code} ${from}…${to}`).toBe(t.current.rebounds);
          compared++;
        }
        // The township-filtered layer (what a township user's legend counts) flags the same hazards.
        const code = stats.townships[0]?.code as string;
        const own = (await (await app.request(`/api/hazards?township=${code}`)).json()) as typeof layer;
        const flagged = (fc: typeof layer) =>
          fc.features
            .filter((f) => f.properties.townshipCode === code && f.properties.rebound === 'yes')
            .map((f) => JSON.stringify(f.properties));
        expect(flagged(own)).toEqual(flagged(layer));
      }
      expect(compared).toBe(WINDOWS.length * 14);
    });
  });
}

agreementSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'on PostgreSQL',
  () => agreementSuite('postgres', openPostgresTestDb),
);
