import { BullModule } from '@nestjs/bull';
import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, MailModule, MetricsModule } from '@ejustice/platform';
import { CasesModule } from '@ejustice/cases';
import { IdentityModule } from '@ejustice/identity';
import { CourtFilingPolicyRow } from './entities/court-filing-policy.entity';
import { DocumentBlob } from './entities/document-blob.entity';
import { FilingDocument } from './entities/filing-document.entity';
import { FilingParty } from './entities/filing-party.entity';
import { Filing } from './entities/filing.entity';
import { FilingStatusChange } from './entities/filing-status-change.entity';
import { EmailDelivery, InboxMessage, NotificationEvent } from './entities/notification.entities';
import { DeliverNotification } from './notifications/deliver-notification.use-case';
import { FILING_QUEUE, NotificationDispatcher } from './notifications/filing-queue';
import { InboxQueries } from './notifications/inbox-queries';
import { SweepNotificationOutbox } from './notifications/sweep-notification-outbox.use-case';
import { ClaimFiling, ReleaseFiling } from './review/claim-filing.use-case';
import { FilingQueries } from './review/filing-queries';
import { FilingReceipts } from './receipt/filing-receipts';
import { ReviewFiling } from './review/review-filing.use-case';
import { CourtPolicyService } from './services/court-policy.service';
import { FilingPolicyQueries } from './services/filing-policy-queries';
import { DocumentStore } from './storage/document-store';
import { LocalDocumentStore } from './storage/local-document-store';
import { S3DocumentStore } from './storage/s3-document-store';
import { SweepOrphanDocuments } from './storage/sweep-orphans.use-case';
import { UploadStaging } from './storage/upload-staging';
import { PdfInspector } from './submission/pdf-inspector';
import { SubmitFiling } from './submission/submit-filing.use-case';

export const FILING_ENTITIES = [
  CourtFilingPolicyRow,
  DocumentBlob,
  Filing,
  FilingParty,
  FilingDocument,
  FilingStatusChange,
  NotificationEvent,
  InboxMessage,
  EmailDelivery,
];

/**
 * E-filing: submission, storage, review, docket, notifications. Needs BullModule.forRoot in the
 * app that imports it (api and worker both have it): decisions enqueue their notifications.
 */
@Module({
  imports: [
    IdentityModule,
    CasesModule,
    MetricsModule,
    MailModule,
    TypeOrmModule.forFeature(FILING_ENTITIES),
    BullModule.registerQueue({ name: FILING_QUEUE }),
  ],
  providers: [
    {
      provide: DocumentStore,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) =>
        c.storage.backend === 's3' ? new S3DocumentStore(c.storage.s3) : new LocalDocumentStore(c.storage.dir),
    },
    { provide: UploadStaging, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new UploadStaging(c.storage.dir) },
    CourtPolicyService,
    FilingPolicyQueries,
    { provide: PdfInspector, useFactory: () => new PdfInspector() },
    SubmitFiling,
    FilingQueries,
    FilingReceipts,
    ClaimFiling,
    ReleaseFiling,
    ReviewFiling,
    NotificationDispatcher,
    DeliverNotification,
    SweepNotificationOutbox,
    InboxQueries,
    SweepOrphanDocuments,
  ],
  exports: [
    DocumentStore,
    UploadStaging,
    MailModule,
    CourtPolicyService,
    FilingPolicyQueries,
    SubmitFiling,
    FilingQueries,
    FilingReceipts,
    ClaimFiling,
    ReleaseFiling,
    ReviewFiling,
    NotificationDispatcher,
    DeliverNotification,
    SweepNotificationOutbox,
    InboxQueries,
    SweepOrphanDocuments,
    TypeOrmModule,
    BullModule,
  ],
})
export class FilingModule implements OnApplicationShutdown {
  constructor(private readonly store: DocumentStore) {}

  onApplicationShutdown(): void {
    if (this.store instanceof S3DocumentStore) this.store.destroy();
  }
}
