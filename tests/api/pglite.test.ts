import { openTestDb } from '../helpers/test-db';
import { apiSuite } from './suite';

apiSuite('pglite', openTestDb);
