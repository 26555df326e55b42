import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { TestingModule } from '@nestjs/testing';
import type { Queue } from 'bull';
import { SCHEDULING_QUEUE, SOLVE_SCHEDULE, ScheduleRunDispatcher } from '@ejustice/scheduling-data';
import { closeTestDb, createCourt, testDb } from '@ejustice/testing';
import { startSchedulingData } from '@ejustice/testing/scheduling-data-module';

/*
 * A run is recorded as queued in PostgreSQL and handed to Bull; if Redis then restarts empty (or
 * the job failed before the run was claimed), nothing would ever solve it and the clerk's page
 * would say "queued" for ever. The worker's upkeep gives such runs their job again.
 */
describe('schedule runs whose job was lost (integration)', () => {
  let moduleRef: TestingModule;
  let queue: Queue;
  let dispatcher: ScheduleRunDispatcher;
  const made: string[] = [];

  beforeAll(async () => {
    // A Redis database of its own: the test reads the scheduling queue's jobs.
    moduleRef = await startSchedulingData({ REDIS_URL: 'redis://127.0.0.1:6379/7' });
    queue = moduleRef.get<Queue>(getQueueToken(SCHEDULING_QUEUE));
    await queue.obliterate({ force: true });
    dispatcher = moduleRef.get(ScheduleRunDispatcher);
  });

  afterAll(async () => {
    // Not left queued in the shared database, where another suite's worker upkeep would take them up.
    await testDb().query(`DELETE FROM schedule_runs WHERE id = ANY($1::uuid[])`, [made]);
    await moduleRef.close();
    await closeTestDb();
  });

  async function queuedRun(courtId: string, queuedAgo: string): Promise<string> {
    const id = randomUUID();
    await testDb().query(
      `INSERT INTO schedule_runs (id, court_id, trigger, horizon_start, seed, time_limit_seconds, queued_at)
       VALUES ($1, $2, 'nightly', '2026-12-07', 1, 1, now() - $3::interval)`,
      [id, courtId, queuedAgo],
    );
    made.push(id);
    return id;
  }

  it('queues again a run queued minutes ago with no job, retries one whose job failed, and leaves the rest', async () => {
    const court = await createCourt();
    const lost = await queuedRun(court.id, '10 minutes');
    const failed = await queuedRun(court.id, '10 minutes');
    const waiting = await queuedRun(court.id, '10 minutes');
    const recent = await queuedRun(court.id, '5 seconds');
    // One whose job ran and failed before claiming the run (the database away at that moment).
    await queue.add(SOLVE_SCHEDULE, { runId: failed }, { jobId: failed, attempts: 1 });
    const failing = queue.process(SOLVE_SCHEDULE, async () => {
      throw new Error('the database did not answer');
    });
    await expect((await queue.getJob(failed))?.finished()).rejects.toThrow(/did not answer/);
    await queue.pause(true);
    void failing;
    // One still waiting behind a long solve: its job is in Redis.
    await queue.add(SOLVE_SCHEDULE, { runId: waiting }, { jobId: waiting, attempts: 1 });

    await expect(dispatcher.requeueLost(60_000)).resolves.toEqual({ queued: 1, retried: 1 });

    expect(await (await queue.getJob(lost))?.getState()).toBe('waiting');
    expect(await (await queue.getJob(failed))?.getState()).toBe('waiting');
    expect(await (await queue.getJob(waiting))?.getState()).toBe('waiting');
    expect(await queue.getJob(recent)).toBeNull();
    // Done with: a second upkeep finds their jobs and adds nothing.
    await expect(dispatcher.requeueLost(60_000)).resolves.toEqual({ queued: 0, retried: 0 });
  });
});
