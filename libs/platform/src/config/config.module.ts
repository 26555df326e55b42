import { Global, Module, type DynamicModule } from '@nestjs/common';
import { type AppConfig, loadConfig } from './app-config';

/** Injection token for the frozen AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** Provides the configuration parsed once at start-up (or a given one, in tests). */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
