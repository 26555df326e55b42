import { randomBytes } from 'node:crypto';
import type { MigrationInterface } from 'typeorm';
import { dropDatabase, ensureDatabase, migrationDataSource } from '../../../scripts/migrate';
import { TEST_DATABASE_URL } from '@ejustice/testing';

/**
 * A throw-away database of its own, for tests that must break things (tamper with the audit
 * chain, migrate down) without disturbing the shared test database.
 */
export async function createScratchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/ejustice_scratch_${label}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url.toString());
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}

/** One migration's `up` or `down` alone on a database, as the migration runner would run it (a test of what it does to existing rows). */
export async function runMigration(url: string, migration: MigrationInterface, direction: 'up' | 'down'): Promise<void> {
  const ds = await migrationDataSource(url).initialize();
  const runner = ds.createQueryRunner();
  try {
    await migration[direction](runner);
  } finally {
    await runner.release();
    await ds.destroy();
  }
}
