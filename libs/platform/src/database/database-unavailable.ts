import { isNativeError } from 'node:util/types';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';

/**
 * What pg and pg-pool say, in their own words, when no connection could be had within
 * `connectionTimeoutMillis` or the server dropped one. A bare socket error (ECONNREFUSED...) is
 * not taken by itself: it may as well come from the document store or another service, and a
 * request failing so is not the database's to be named for. The pool's own connection attempts
 * mark theirs (DatabaseClient).
 */
const PG_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
];

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection
 * exception), 53300 (too many connections), 57P01-57P03 (shut down, crashed, starting up).
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || code === '53300' || code === '57P01' || code === '57P02' || code === '57P03';
}

/**
 * Whether an error means no database connection freed in time, or the server dropped one or is
 * not taking any (not that a statement was wrong): the request may succeed if sent again a
 * moment later. TypeORM
 * passes a failed pool checkout through as pg's own error, and wraps a failed statement in a
 * QueryFailedError whose driverError is pg's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (!isNativeError(cause)) return false;
  if (PG_MESSAGES.includes(cause.message) || (cause as { [UNREACHABLE]?: true })[UNREACHABLE]) return true;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code);
}

/** Set on a socket error met while opening a database connection: the server could not be reached. */
const UNREACHABLE = Symbol('ejustice.databaseUnreachable');

/**
 * pg's client, as the pool makes it (TypeORM's `extra.Client`), whose failure to reach the server
 * (refused, reset, unreachable host, no such name: a system error, not one the server sent) is
 * marked as the database's: a request failing so is answered 503 and may be sent again once the
 * server is back. A server that answers and refuses (a wrong password) is not marked: that is no
 * outage, and stays a fault for the operators.
 */
export class DatabaseClient extends Client {
  override connect(): Promise<Client>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<Client> | void {
    if (callback) {
      const done = callback as (err: Error | null, client?: Client) => void;
      return super.connect(((err: Error | null, client?: Client) => done(markUnreachable(err), client)) as ConnectCallback);
    }
    return super.connect().catch((err: unknown) => {
      throw markUnreachable(err);
    });
  }
}

type ConnectCallback = Parameters<Client['connect']>[0] & {};

function markUnreachable<T>(error: T): T {
  const code = (error as { code?: unknown } | null)?.code;
  // A system error (net's, from outside the caller's realm in a test's sandbox too), never the server's SQLSTATE.
  if (isNativeError(error) && typeof code === 'string' && /^E[A-Z_]+$/.test(code)) {
    Object.defineProperty(error, UNREACHABLE, { value: true });
  }
  return error;
}
