import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** A quoted literal in a PostgreSQL message (`invalid input syntax for type uuid: "…"`, `value "…" is out of range`). */
const QUOTED_VALUE = /(:\s*|value\s+)"(?:[^"\\]|\\.)*"/gi;

interface PgErrorFields {
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
}

/**
 * What the logs may say of a failed statement: the server's error code, the constraint, table
 * and column it names, and its message with quoted values taken out. Never the statement's
 * parameters nor the values the message quotes: they are people's names, e-mail addresses and
 * the words of filings, which the logs of a court must not hold.
 */
export function describeSqlError(error: unknown): string {
  const fields = ((error as { driverError?: PgErrorFields }).driverError ?? error ?? {}) as PgErrorFields;
  const message = error instanceof Error ? error.message.replace(QUOTED_VALUE, '$1"[value]"') : 'unknown error';
  const tags = (['code', 'constraint', 'table', 'column'] as const)
    .filter((k) => typeof fields[k] === 'string')
    .map((k) => `[${k}:${fields[k]}]`)
    .join(' ');
  return `${message}${tags ? ` ${tags}` : ''}`;
}

/** The statement's text without its bound values, on one line and not too long to read. */
function statement(query: string): string {
  const line = query.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * TypeORM's logger for the platform: statements go to the application log (pino) without their
 * parameters. TypeORM's own loggers print `-- PARAMETERS: [...]` with every failed query.
 */
export class SqlLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('SQL');

  constructor(private readonly logQueries: boolean) {}

  logQuery(query: string, parameters?: unknown[]): void {
    if (this.logQueries) this.logger.debug(`query [sql:${statement(query)}] [parameters:${parameters?.length ?? 0}]`);
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    const what = typeof error === 'string' ? error.replace(QUOTED_VALUE, '$1"[value]"') : describeSqlError(error);
    this.logger.error(`query failed [error:${what}] [sql:${statement(query)}] [parameters:${parameters?.length ?? 0}]`);
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[]): void {
    this.logger.warn(`query slow [ms:${time}] [sql:${statement(query)}] [parameters:${parameters?.length ?? 0}]`);
  }

  logSchemaBuild(message: string): void {
    this.logger.log(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else if (this.logQueries) this.logger.log(String(message));
  }
}
