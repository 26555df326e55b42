import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * The TypeORM data source over `pg`. The schema is owned by the migrations in /migrations:
 * synchronize is off everywhere, and entities are registered by the feature modules that use
 * them (autoLoadEntities), so each app loads only what it needs.
 */
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            type: 'postgres' as const,
            url: config.database.url,
            autoLoadEntities: true,
            synchronize: false,
            migrationsRun: false,
            logging: config.database.logQueries ? ['query', 'error'] : ['error'],
            extra: { max: config.database.poolSize, application_name: 'ejustice' },
          }),
        }),
      ],
    };
  }
}
