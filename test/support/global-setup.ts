import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { TEST_DATABASE_URL } from './test-env';

/**
 * Creates the test database afresh and applies the real migrations, once per test run
 * (every jest project names this file; the marker keeps later projects from redoing it).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.EJ_TEST_DB_READY === TEST_DATABASE_URL) return;
  await dropDatabase(TEST_DATABASE_URL);
  await migrateUp(TEST_DATABASE_URL);
  process.env.EJ_TEST_DB_READY = TEST_DATABASE_URL;
}
