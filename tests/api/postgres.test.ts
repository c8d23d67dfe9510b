import { describe } from 'vitest';
import { openPostgresTestDb, requirePart } from '../helpers/test-db';
import { apiSuite } from './suite';

// Skip list: none. Without TEST_DATABASE_URL the suite is skipped locally and fails in CI.
const available = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(available)('PostgreSQL + PostGIS', () => {
  apiSuite('postgres', openPostgresTestDb);
});
