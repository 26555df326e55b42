import { QueryFailedError } from 'typeorm';

/**
 * What pg and pg-pool say, in their own words, when no connection could be had within
 * `connectionTimeoutMillis` or the server dropped one. A bare socket error (ECONNREFUSED...) is
 * not taken: it may as well come from the document store or another service, and a request
 * failing so is not the database's to be named for.
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
  if (!(cause instanceof Error)) return false;
  if (PG_MESSAGES.includes(cause.message)) return true;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code);
}
