/**
 * Both engines must give the same answers: byte-identical JSON for the same requests, on the demo
 * data exactly as seeded — PostgreSQL's is the pristine copy global setup takes, since the shared
 * test database is edited (and put back) by the writing suites in whatever order they run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPristinePostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const available = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));

describe.runIf(available)('PGlite and PostgreSQL agree', () => {
  let lite: Db;
  let pg: Db;
  let liteApp: TestClient;
  let pgApp: TestClient;
  beforeAll(async () => {
    [lite, pg] = await Promise.all([openTestDb(), openPristinePostgresTestDb()]);
    [liteApp, pgApp] = await Promise.all([signedIn(createApp(lite), lite), signedIn(createApp(pg), pg)]);
  });
  afterAll(async () => {
    await Promise.all([lite?.close(), pg?.close()]);
  });

  it.each([
    '/api/counties',
    '/api/townships',
    '/api/villages',
    '/api/roads',
    '/api/parks',
    '/api/pois',
    '/api/units',
    '/api/hydrants',
    '/api/sites',
    '/api/hazards?township=411121104',
    '/api/sites?bbox=113.59,33.42,113.62,33.45&category=nine_small',
    '/api/units/1',
  ])('%s', async (path) => {
    const [a, b] = await Promise.all([liteApp.request(path), pgApp.request(path)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(await b.text()).toBe(await a.text());
  });
});
