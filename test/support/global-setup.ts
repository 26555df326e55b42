import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { auditCheckpointPrefix, loadConfig } from '@ejustice/platform';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { TEST_DATABASE_APP_URL, TEST_DATABASE_URL, testEnv } from './test-env';

/**
 * Creates the test database afresh and applies the real migrations, once per test run
 * (every jest project names this file; the marker keeps later projects from redoing it).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.EJ_TEST_DB_READY === TEST_DATABASE_URL) return;
  await dropDatabase(TEST_DATABASE_URL);
  // The chain starts afresh with the database, so checkpoints of the last run's chain must go.
  const { storage, audit } = loadConfig(testEnv());
  await rm(join(storage.dir, auditCheckpointPrefix(audit.chainName)), { recursive: true, force: true });
  await migrateUp(TEST_DATABASE_URL, TEST_DATABASE_APP_URL);
  process.env.EJ_TEST_DB_READY = TEST_DATABASE_URL;
}
