import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentStore } from '@ejustice/filing/storage/document-store';
import { LocalDocumentStore } from '@ejustice/filing/storage/local-document-store';
import { S3DocumentStore } from '@ejustice/filing/storage/s3-document-store';
import { UploadStaging } from '@ejustice/filing/storage/upload-staging';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { RECORDING_ENTITIES } from './entities/recording.entities';
import { PgRecordingLedger } from './ledger/pg-recording-ledger';
import { RecordingLedger } from './recording-ledger.port';
import { RecordingSpool } from './spool/recording-spool';
import { SweepRecordingSpool } from './spool/sweep-recording-spool.use-case';

/**
 * The recording's record and its storage, for the media node (which records) and the worker
 * (which sweeps the spool). Needs only the platform's global config, database and audit modules:
 * no identity, no queues. The document store is the filings' one (same backend, same keys).
 */
@Module({
  imports: [TypeOrmModule.forFeature(RECORDING_ENTITIES)],
  providers: [
    {
      provide: DocumentStore,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) =>
        c.storage.backend === 's3' ? new S3DocumentStore(c.storage.s3) : new LocalDocumentStore(c.storage.dir),
    },
    {
      provide: RecordingSpool,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new RecordingSpool(c.recording.spoolDir, new UploadStaging(c.storage.dir).dir),
    },
    PgRecordingLedger,
    { provide: RecordingLedger, useExisting: PgRecordingLedger },
    SweepRecordingSpool,
  ],
  exports: [DocumentStore, RecordingSpool, RecordingLedger, SweepRecordingSpool, TypeOrmModule],
})
export class RecordingLedgerModule implements OnApplicationShutdown {
  constructor(private readonly store: DocumentStore) {}

  onApplicationShutdown(): void {
    if (this.store instanceof S3DocumentStore) this.store.destroy();
  }
}
