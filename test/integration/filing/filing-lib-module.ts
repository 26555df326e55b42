import { BullModule } from '@nestjs/bull';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import {
  type AppConfig,
  APP_CONFIG,
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  MetricsModule,
  RedisModule,
  bullQueueOptions,
} from '@ejustice/platform';
import { FilingModule } from '@ejustice/filing';

/**
 * The filing lib as the api composes it, without the HTTP layer: the real database, Redis and
 * Bull under `config`. Specs override what they must observe (a clock, the dispatcher) and compile.
 */
export function filingLibModule(config: AppConfig): TestingModuleBuilder {
  return Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      ClockModule,
      DatabaseModule.forRoot(),
      RedisModule,
      AuditModule,
      MetricsModule,
      BullModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => bullQueueOptions(c) }),
      FilingModule,
    ],
  });
}
