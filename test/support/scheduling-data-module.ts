import { randomUUID } from 'node:crypto';
import { BullModule } from '@nestjs/bull';
import { Test, type TestingModule } from '@nestjs/testing';
import { APP_CONFIG, type AppConfig, AuditModule, ClockModule, ConfigModule, DatabaseModule, bullQueueOptions } from '@ejustice/platform';
import type { SchedulePlan } from '@ejustice/scheduling';
import { PublishScheduleRun, RunSchedule, SchedulingDataModule } from '@ejustice/scheduling-data';
import { testDb } from './factories';
import { SCHEDULING_HORIZON_START, type SeededSchedulingCourt } from './scheduling-seed';
import { testConfig } from './test-env';

/**
 * The scheduling-data lib as the api and the worker compose it (configuration, clock, database,
 * audit chain, Bull's queues), on the real PostgreSQL and Redis, for integration tests of its use
 * cases. Queues only: no processor runs here. `overrides` are environment settings (e.g. the pool size).
 */
export async function startSchedulingData(overrides: Record<string, string> = {}): Promise<TestingModule> {
  const config = testConfig({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/8', ...overrides });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      ClockModule,
      DatabaseModule.forRoot(),
      // Publishing, calling off hearings and maintaining the court's data are audited.
      AuditModule,
      BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => bullQueueOptions(c) }),
      SchedulingDataModule,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

/** A draft of the seeded court solved in-process: a run queued by its clerk, solved by `RunSchedule` (1 s budget). */
export async function solveDraft(
  moduleRef: TestingModule,
  seeded: SeededSchedulingCourt,
  options: { readonly seed: number; readonly horizonStart?: string },
): Promise<{ runId: string; plan: SchedulePlan }> {
  const runId = randomUUID();
  await testDb().query(
    `INSERT INTO schedule_runs (id, court_id, requested_by, horizon_start, seed, time_limit_seconds) VALUES ($1, $2, $3, $4, $5, 1)`,
    [runId, seeded.court.id, seeded.clerk.id, options.horizonStart ?? SCHEDULING_HORIZON_START, options.seed],
  );
  await moduleRef.get(RunSchedule).execute(runId, async () => undefined);
  const { rows } = await testDb().query(`SELECT status, error, plan FROM schedule_runs WHERE id = $1`, [runId]);
  if (rows[0].status !== 'done') throw new Error(`the schedule run ended ${rows[0].status}: ${rows[0].error ?? 'no error recorded'}`);
  return { runId, plan: rows[0].plan };
}

/** Publishes a run as the seeded court's clerk would. */
export function publishAsClerk(moduleRef: TestingModule, seeded: SeededSchedulingCourt, runId: string) {
  return moduleRef
    .get(PublishScheduleRun)
    .execute(
      { courtId: seeded.court.id, roles: ['clerk'], userId: seeded.clerk.id },
      { courtId: seeded.court.id, runId, idempotencyKey: null },
    );
}
