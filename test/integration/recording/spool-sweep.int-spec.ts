import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { SweepOrphanDocuments } from '@ejustice/filing';
import { RecordingLedger } from '@ejustice/recording';
import { closeTestDb, testConfig } from '@ejustice/testing';
import { waitFor } from '@ejustice/testing/wait-for';
import { FilingProcessor, FilingScheduler } from '../../../apps/worker/src/filing/filing.processor';
import {
  MAINTENANCE_QUEUE,
  MaintenanceScheduler,
  PURGE_EXPIRED_CREDENTIALS,
  RETIRED_SWEEP_RECORDING_SPOOL,
} from '../../../apps/worker/src/maintenance/maintenance.processor';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { freshRecordingDirs, makeOpusSegments, recordSegments, recordedHearing, spoolCopy } from '../../e2e/recording/recording-support';
import { type RunningMediaNode, startMediaNode } from '../../support/media/media-node';

/*
 * The recording spool's sweep (SweepRecordingSpool), which each media node runs on its own spool
 * every RECORDING_SPOOL_SWEEP_MS, on a real spool directory and the real database: a stale copy
 * of a registered segment goes after the store's orphan grace (60 minutes), a file never
 * registered only after the spool's own grace (a day), and a file being written now stays. The
 * worker, which once swept its own machine's spool hourly, no longer does, and removes that
 * schedule if an earlier version left it in Redis.
 */

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

function age(path: string, hours: number): string {
  utimesSync(path, hoursAgo(hours), hoursAgo(hours));
  return path;
}

describe('the recording spool sweep (media node and worker, real database and disk)', () => {
  // A Redis database of its own: the test reads the maintenance queue's schedules.
  const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379/11' };
  let worker: INestApplication;
  let media: RunningMediaNode;
  let spool: string;
  let storage: string;

  beforeAll(async () => {
    const dirs = freshRecordingDirs('spool-sweep');
    spool = dirs.spool;
    storage = dirs.storage;
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ ...REDIS, STORAGE_DIR: dirs.storage, WORKER_PORT: '0' }))],
    })
      .overrideProvider(FilingProcessor)
      .useValue({})
      .overrideProvider(FilingScheduler)
      .useValue({})
      .compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
    // It sweeps by itself, on its interval: nothing here calls the spool sweep.
    media = await startMediaNode({ env: { ...REDIS, STORAGE_DIR: storage, RECORDING_SPOOL_SWEEP_MS: '200' } });
  });

  afterAll(async () => {
    await media?.close();
    await worker?.close();
    await closeTestDb();
  });

  it('a media node removes stale copies of registered segments and long-abandoned files from its own spool, and keeps everything else', async () => {
    const tones = await makeOpusSegments(4, 120);
    const h = await recordedHearing();
    const { trackId } = await recordSegments(media.app.get(RecordingLedger), h, spool, tones.slice(0, 1));
    // A crash came between the registration's commit and the spool file's removal.
    const leftOver = age(spoolCopy(spool, tones[0], `${trackId}-0.webm`), 2);
    const justRegistered = spoolCopy(spool, tones[0], `${trackId}-0-again.webm`);
    // Finished but not registered yet (its media node is restarting): the only copy of the record.
    const waiting = age(spoolCopy(spool, tones[1], 'waiting.webm'), 2);
    mkdirSync(join(spool, 'hearing-x'), { recursive: true });
    const abandoned = age(spoolCopy(join(spool, 'hearing-x'), tones[2], 'abandoned.webm'), 48);
    const live = join(spool, 'hearing-x', 'live.webm');
    writeFileSync(live, 'being written');

    await waitFor('the media node to sweep its spool', async () => (!existsSync(leftOver) && !existsSync(abandoned)) || undefined, 20_000);

    expect([leftOver, justRegistered, waiting, abandoned, live].map((p) => existsSync(p))).toEqual([false, true, true, false, true]);
  });

  it('the worker sweeps no spool, and removes the schedule an earlier version left in Redis', async () => {
    const queue = worker.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));
    await queue.add(RETIRED_SWEEP_RECORDING_SPOOL.name, {}, { repeat: { cron: RETIRED_SWEEP_RECORDING_SPOOL.cron } });
    expect((await queue.getRepeatableJobs()).map((r) => r.name).sort()).toEqual([
      PURGE_EXPIRED_CREDENTIALS,
      RETIRED_SWEEP_RECORDING_SPOOL.name,
    ]);

    await worker.get(MaintenanceScheduler).onApplicationBootstrap();

    await waitFor(
      'the retired schedule to go',
      async () => ((await queue.getRepeatableJobs()).every((r) => r.name !== RETIRED_SWEEP_RECORDING_SPOOL.name) ? true : undefined),
      5_000,
    );
    expect((await queue.getRepeatableJobs()).map((r) => r.name)).toEqual([PURGE_EXPIRED_CREDENTIALS]);
  });

  it("leaves stored segments to the store's orphan sweep, which keeps them: their blob rows name them", async () => {
    const [tone] = await makeOpusSegments(1, 130);
    const { segments } = await recordSegments(media.app.get(RecordingLedger), await recordedHearing(), spool, [tone]);
    const stored = age(join(storage, segments[0].storageKey), 3);

    await worker.get(SweepOrphanDocuments).execute();

    expect(existsSync(stored)).toBe(true);
  });
});
