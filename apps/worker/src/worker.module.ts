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
} from '@ejustice/platform';
import { FilingModule } from '@ejustice/filing';
import { FilingProcessor, FilingScheduler } from './filing/filing.processor';
import { MAINTENANCE_QUEUE, MaintenanceProcessor, MaintenanceScheduler } from './maintenance/maintenance.processor';

/**
 * The Bull worker: background jobs of the platform (certified-copy rendering, scheduling runs,
 * notifications and recording finalisation join it in their issues). It also answers /health
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
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => ({ url: c.redis.url, prefix: 'ejustice' }),
        }),
        BullModule.registerQueue({ name: MAINTENANCE_QUEUE }),
        FilingModule,
      ],
      providers: [MaintenanceProcessor, MaintenanceScheduler, FilingProcessor, FilingScheduler],
    };
  }
}
