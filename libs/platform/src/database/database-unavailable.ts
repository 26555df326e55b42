import { QueryFailedError } from 'typeorm';

/** What pg-pool says when no connection could be had within `connectionTimeoutMillis`. */
const POOL_TIMEOUT_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/** The socket's errors when PostgreSQL's address does not answer or refuses. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection
 * exception), 53300 (too many connections), 57P01-57P03 (shut down, crashed, starting up).
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || code === '53300' || code === '57P01' || code === '57P02' || code === '57P03';
}

/**
 * Whether an error means the database could not be reached or no connection freed in time (not
 * that a statement was wrong): the request may succeed if sent again a moment later. TypeORM
 * passes a failed pool checkout through as pg's own error, and wraps a failed statement in a
 * QueryFailedError whose driverError is pg's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (!(cause instanceof Error)) return false;
  if (POOL_TIMEOUT_MESSAGES.includes(cause.message)) return true;
  const code = (cause as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code));
}
