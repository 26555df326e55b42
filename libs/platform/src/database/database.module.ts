import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseClient } from './database-unavailable';
import { SqlLogger } from './sql-logger';

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
            // The apps' own role, never the owner: see AppConfig.database.appUrl.
            url: config.database.appUrl,
            autoLoadEntities: true,
            synchronize: false,
            migrationsRun: false,
            // Extensions are the migrations' business: the apps' role may not create them.
            installExtensions: false,
            logging: config.database.logQueries ? ['query', 'error', 'warn'] : ['error', 'warn'],
            // TypeORM's own loggers print every failed statement's parameters: names, in a log.
            logger: new SqlLogger(config.database.logQueries),
            // A bounded wait for a connection: with every one busy (or the server away) a query
            // fails after acquireTimeoutMs, and its request is answered 503, rather than waiting on.
            // A server that refuses connections fails it at once, also answered 503 (DatabaseClient).
            extra: {
              Client: DatabaseClient,
              max: config.database.poolSize,
              connectionTimeoutMillis: config.database.acquireTimeoutMs,
              application_name: 'ejustice',
            },
          }),
        }),
      ],
    };
  }
}
