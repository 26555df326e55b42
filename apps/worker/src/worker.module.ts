import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  MetricsModule,
  RedisModule,
  bullQueueOptions,
} from '@ejustice/platform';
import { CertificationModule } from '@ejustice/certification';
import { FilingModule } from '@ejustice/filing';
import { SchedulingDataModule } from '@ejustice/scheduling-data';
import { AUDIT_CHECKPOINT_PROVIDERS, AUDIT_QUEUE } from './audit/audit-checkpoint.processor';
import { CertifyCopyProcessor } from './certification/certify-copy.processor';
import { StuckIssueSweeper } from './certification/stuck-issue.sweeper';
import { FilingProcessor, FilingScheduler } from './filing/filing.processor';
import { NotificationOutboxSweeper } from './filing/notification-outbox.sweeper';
import { MAINTENANCE_QUEUE, MaintenanceProcessor, MaintenanceScheduler } from './maintenance/maintenance.processor';
import { QueueDepthMetrics } from './metrics/queue-depth.metrics';
import { NightlySchedules } from './scheduling/nightly-schedules';
import { PublicationMailProcessor } from './scheduling/publication-mail.processor';
import { PublicationMailSweeper } from './scheduling/publication-mail.sweeper';
import { SchedulingProcessor } from './scheduling/scheduling.processor';

/**
 * The Bull worker: background jobs of the platform (certified-copy rendering, scheduling runs,
 * notifications, the audit chain's checkpoints, housekeeping). It also answers /health
 * and /metrics on WORKER_PORT for the orchestrator.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig) {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        LoggingModule.forRoot('worker'),
        DatabaseModule.forRoot(),
        RedisModule,
        AuditModule,
        MetricsModule,
        HealthModule,
        BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => bullQueueOptions(c) }),
        BullModule.registerQueue({ name: MAINTENANCE_QUEUE }),
        BullModule.registerQueue({ name: AUDIT_QUEUE }),
        FilingModule,
        CertificationModule,
        SchedulingDataModule,
      ],
      providers: [
        MaintenanceProcessor,
        MaintenanceScheduler,
        FilingProcessor,
        CertifyCopyProcessor,
        StuckIssueSweeper,
        FilingScheduler,
        NotificationOutboxSweeper,
        SchedulingProcessor,
        NightlySchedules,
        PublicationMailProcessor,
        PublicationMailSweeper,
        ...AUDIT_CHECKPOINT_PROVIDERS,
        QueueDepthMetrics,
      ],
    };
  }
}
