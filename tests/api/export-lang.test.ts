/** Export headers follow `lang` (issue 10): English header rows hold no CJK; the default is Chinese. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openTestDb } from '../helpers/test-db';

const CJK = /[\u3400-\u9fff]/;

describe('export languages', () => {
  let db: Db;
  let app: TestClient;
  beforeAll(async () => {
    db = await openTestDb();
    app = await signedIn(createApp(db), db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each([
    '/api/coverage/stations/sites.csv?scope=high_risk_outside',
    '/api/coverage/hydrants/uncovered.csv?township=411121104',
    '/api/stats/townships.csv?from=2023-07-18&to=2023-07-24',
  ])('%s', async (path) => {
    const header = async (lang?: string) => {
      const res = await app.request(lang ? `${path}&lang=${lang}` : path);
      expect(res.status).toBe(200);
      return (await res.text()).replace(/^\uFEFF/, '').split('\r\n')[0] ?? '';
    };
    const [zh, en] = [await header(), await header('en')];
    expect(zh).toMatch(CJK);
    expect(en).not.toMatch(CJK);
    // Cells split at commas outside quotes (an English header may hold a comma).
    const cells = (line: string) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(cells(en)).toHaveLength(cells(zh).length);
  });
});
