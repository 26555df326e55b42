import { getQueueToken } from '@nestjs/bull';
import type { TestingModule } from '@nestjs/testing';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AutomaticScheduleRuns, NIGHTLY_SCHEDULE, type NightlyCourt, SCHEDULING_QUEUE } from '@ejustice/scheduling-data';
import { closeTestDb, createCourt, testDb } from '@ejustice/testing';
import { startSchedulingData } from '@ejustice/testing/scheduling-data-module';
import { NightlySchedules } from '../../../apps/worker/src/scheduling/nightly-schedules';

/*
 * Every worker brings the nightly jobs in line with the courts' hours: at start-up, when its
 * connection to Redis comes back, and in the minute's upkeep. Two of them at once must not
 * undo each other: one that read the courts before a clerk changed an hour must not put the old
 * hour back after the other has set the new one.
 */
describe('the nightly jobs kept in line by two workers at once (integration)', () => {
  let moduleRef: TestingModule;
  let queue: Queue;
  let courtId: string;

  beforeAll(async () => {
    // A Redis database of its own: the test reads the scheduling queue's repeatable jobs.
    moduleRef = await startSchedulingData({ REDIS_URL: 'redis://127.0.0.1:6379/10' });
    queue = moduleRef.get<Queue>(getQueueToken(SCHEDULING_QUEUE));
    await queue.obliterate({ force: true });
    courtId = (await createCourt()).id;
    await testDb().query(`INSERT INTO court_scheduling_policies (court_id, nightly_hour) VALUES ($1, 2)`, [courtId]);
  });

  afterAll(async () => {
    await testDb().query(`UPDATE court_scheduling_policies SET nightly_hour = NULL WHERE court_id = $1`, [courtId]);
    await queue.obliterate({ force: true });
    await moduleRef.close();
    await closeTestDb();
  });

  const crons = async () =>
    (await queue.getRepeatableJobs())
      .filter((job) => job.name === NIGHTLY_SCHEDULE && job.id === `nightly-${courtId}`)
      .map((job) => job.cron);
  const workerSchedules = (automatic: Pick<AutomaticScheduleRuns, 'nightlyCourts'>) =>
    new NightlySchedules(queue, automatic as AutomaticScheduleRuns, moduleRef.get(DataSource));

  it('ends with the hour the court set last, whichever worker read the courts first', async () => {
    const automatic = moduleRef.get(AutomaticScheduleRuns);
    await workerSchedules(automatic).sync();
    expect(await crons()).toEqual(['0 2 * * *']);

    // Worker B reads the courts (hour 2), then is slow to act on what it read.
    let read!: () => void;
    const hasRead = new Promise<void>((resolve) => (read = resolve));
    let goOn!: () => void;
    const mayGoOn = new Promise<void>((resolve) => (goOn = resolve));
    const slow = {
      nightlyCourts: async (): Promise<NightlyCourt[]> => {
        const courts = await automatic.nightlyCourts();
        read();
        await mayGoOn;
        return courts;
      },
    };
    const b = workerSchedules(slow).sync();
    await hasRead;

    // Meanwhile the clerk moves the court's nightly run to 23:00, and worker A's upkeep runs.
    await testDb().query(`UPDATE court_scheduling_policies SET nightly_hour = 23 WHERE court_id = $1`, [courtId]);
    const a = workerSchedules(automatic).sync();
    await Promise.race([a, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    goOn();
    await Promise.all([a, b]);

    expect(await crons()).toEqual(['0 23 * * *']);
  });
});
