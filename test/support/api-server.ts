import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { type AppConfig, Clock } from '@ejustice/platform';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApiApp } from '../../apps/api/src/create-api-app';
import { testConfig } from './test-env';

export interface RunningApi {
  readonly baseUrl: string;
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  close(): Promise<void>;
}

export interface ApiServerOptions {
  /** Environment variables to override (e.g. a short lock-out). */
  readonly env?: Record<string, string>;
  /** A clock to use instead of the system clock (a ManualClock to move time). */
  readonly clock?: Clock;
}

/**
 * Boots the real api (same module and set-up as production) on an ephemeral port against the
 * migrated test database and Redis, serving apps/web/dist.
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<RunningApi> {
  const config = testConfig(options.env);
  let builder = Test.createTestingModule({ imports: [ApiModule.forRoot(config)] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = configureApiApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }), config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app,
    config,
    close: () => app.close(),
  };
}
