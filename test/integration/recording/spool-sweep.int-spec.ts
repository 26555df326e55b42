import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { SweepOrphanDocuments } from '@ejustice/filing';
import { RecordingLedger } from '@ejustice/recording';
import { closeTestDb, testConfig } from '@ejustice/testing';
import { FilingProcessor, FilingScheduler } from '../../../apps/worker/src/filing/filing.processor';
import { MAINTENANCE_QUEUE, MaintenanceProcessor } from '../../../apps/worker/src/maintenance/maintenance.processor';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { freshRecordingDirs, makeOpusSegments, recordSegments, recordedHearing, spoolCopy } from '../../e2e/recording/recording-support';

/*
 * The worker's maintenance job that clears the recording spool (SweepRecordingSpool), on a real
 * spool directory and the real database: a stale copy of a registered segment goes after the
 * store's orphan grace (60 minutes), a file never registered only after the spool's own grace
 * (a day), and a file being written now stays.
 */

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

function age(path: string, hours: number): string {
  utimesSync(path, hoursAgo(hours), hoursAgo(hours));
  return path;
}

describe('the recording spool sweep (worker, real database and disk)', () => {
  let worker: INestApplication;
  let spool: string;
  let storage: string;

  beforeAll(async () => {
    const dirs = freshRecordingDirs('spool-sweep');
    spool = dirs.spool;
    storage = dirs.storage;
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ STORAGE_DIR: dirs.storage, WORKER_PORT: '0' }))],
    })
      .overrideProvider(FilingProcessor)
      .useValue({})
      .overrideProvider(FilingScheduler)
      .useValue({})
      .compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
    // The sweeps are called directly: the spool sweep's own schedule (at 41 minutes past every
    // hour by the clock) must not run one in the middle of a test and change what it observes.
    await worker.get<Queue>(getQueueToken(MAINTENANCE_QUEUE)).pause(true);
  });

  afterAll(async () => {
    await worker?.close();
    await closeTestDb();
  });

  it('removes stale copies of registered segments and long-abandoned files, and keeps everything else', async () => {
    const tones = await makeOpusSegments(4, 120);
    const h = await recordedHearing();
    const { trackId } = await recordSegments(worker.get(RecordingLedger), h, spool, tones.slice(0, 1));
    // A crash came between the registration's commit and the spool file's removal.
    const leftOver = age(spoolCopy(spool, tones[0], `${trackId}-0.webm`), 2);
    const justRegistered = spoolCopy(spool, tones[0], `${trackId}-0-again.webm`);
    // Finished but not registered yet (its media node is restarting): the only copy of the record.
    const waiting = age(spoolCopy(spool, tones[1], 'waiting.webm'), 2);
    mkdirSync(join(spool, 'hearing-x'), { recursive: true });
    const abandoned = age(spoolCopy(join(spool, 'hearing-x'), tones[2], 'abandoned.webm'), 48);
    const live = join(spool, 'hearing-x', 'live.webm');
    writeFileSync(live, 'being written');

    const result = await worker.get(MaintenanceProcessor).sweepRecordingSpool({ id: 'spool-test' } as Job);

    expect(result).toEqual({ registered: 1, abandoned: 1 });
    expect([leftOver, justRegistered, waiting, abandoned, live].map((p) => existsSync(p))).toEqual([false, true, true, false, true]);
  });

  it("leaves stored segments to the store's orphan sweep, which keeps them: their blob rows name them", async () => {
    const [tone] = await makeOpusSegments(1, 130);
    const { segments } = await recordSegments(worker.get(RecordingLedger), await recordedHearing(), spool, [tone]);
    const stored = age(join(storage, segments[0].storageKey), 3);

    await worker.get(SweepOrphanDocuments).execute();

    expect(existsSync(stored)).toBe(true);
  });
});
