import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SweepOrphanDocuments } from '@ejustice/filing';
import { closeTestDb, testConfig, testDb } from '@ejustice/testing';
import { AuditCheckpointProcessor, AuditCheckpointScheduler } from '../../../apps/worker/src/audit/audit-checkpoint.processor';
import { FilingProcessor, FilingScheduler } from '../../../apps/worker/src/filing/filing.processor';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { filesUnder, freshStorageDir } from '../../e2e/filing/filing-support';

describe('the orphan sweep (worker, real database and disk)', () => {
  let worker: INestApplication;
  let storage: string;

  function storedFile(age: 'old' | 'fresh'): string {
    const sha = createHash('sha256').update(randomBytes(16)).digest('hex');
    const dir = join(storage, 'documents', sha.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    const path = join(dir, sha);
    writeFileSync(path, '%PDF-1.7 test');
    if (age === 'old') utimesSync(path, new Date(Date.now() - 3 * 3600_000), new Date(Date.now() - 3 * 3600_000));
    return sha;
  }

  beforeAll(async () => {
    storage = freshStorageDir('sweep');
    // The sweep is called directly; the worker's own filing processors and schedules are left
    // out, so a scheduled sweep cannot run in the middle of the test and change what it observes;
    // so is the audit checkpoint, whose schedule (every ten minutes by the clock) would write a
    // checkpoint into this storage folder if it fired during the test.
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerModule.forRoot(testConfig({ STORAGE_DIR: storage, WORKER_PORT: '0' }))],
    })
      .overrideProvider(FilingProcessor)
      .useValue({})
      .overrideProvider(FilingScheduler)
      .useValue({})
      .overrideProvider(AuditCheckpointProcessor)
      .useValue({})
      .overrideProvider(AuditCheckpointScheduler)
      .useValue({})
      .compile();
    worker = moduleRef.createNestApplication({ bufferLogs: true });
    await worker.init();
  });

  afterAll(async () => {
    await worker.close();
    await closeTestDb();
  });

  it('deletes old files without a row and dead staged uploads, and keeps everything else', async () => {
    const orphan = storedFile('old');
    const young = storedFile('fresh');
    const filed = storedFile('old');
    const busy = storedFile('old');
    await testDb().query(`INSERT INTO document_blobs (sha256, size_bytes, page_count, storage_key) VALUES ($1, 13, 1, $2)`, [
      filed,
      `documents/${filed.slice(0, 2)}/${filed}`,
    ]);
    mkdirSync(join(storage, 'tmp'), { recursive: true });
    writeFileSync(join(storage, 'tmp', 'dead.part'), 'x');
    utimesSync(join(storage, 'tmp', 'dead.part'), new Date(Date.now() - 3 * 3600_000), new Date(Date.now() - 3 * 3600_000));
    writeFileSync(join(storage, 'tmp', 'live.part'), 'x');

    // A submission holds the lock of `busy`: it is putting that file and inserting its row right now.
    const holder = await testDb().connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('document-blob:' || $1, 0))`, [busy]);
      const result = await worker.get(SweepOrphanDocuments).execute();
      expect(result).toEqual({ documents: 1, staged: 1 });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    const left = filesUnder(storage);
    expect(left).not.toContain(`documents/${orphan.slice(0, 2)}/${orphan}`);
    expect(left).toEqual(
      [
        `documents/${young.slice(0, 2)}/${young}`,
        `documents/${filed.slice(0, 2)}/${filed}`,
        `documents/${busy.slice(0, 2)}/${busy}`,
        'tmp/live.part',
      ].sort(),
    );
  });
});
