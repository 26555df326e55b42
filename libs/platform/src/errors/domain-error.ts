/**
 * What kind of failure a domain error is. Each app maps kinds to its transport in one place
 * (HTTP status in the api's problem-details filter, an ack code on a socket, a discard in a
 * job); a library never throws a transport exception.
 */
export const ERROR_KINDS = [
  'invalid', // the request is malformed or breaks a rule of the domain (400 / 422)
  'unauthenticated', // who you are could not be established (401)
  'forbidden', // you are known, but your role does not allow this (403)
  'not_found', // absent, or present but not yours to know about (404)
  'conflict', // the state of things does not allow this now (409)
  'gone', // it existed but is used up, expired or revoked (410)
  'locked', // temporarily refused to protect the account (423)
  'rate_limited', // too many attempts (429)
  'too_large', // above a configured limit (413)
  'unsupported', // the content is not of an accepted type (415)
  'unavailable', // a dependency is down (503)
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface DomainErrorOptions {
  /** Structured details safe to show the caller (never secrets, never protected identities). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Per-field problems, for validation failures. */
  readonly fields?: readonly { readonly field: string; readonly message: string }[];
  /** Seconds after which a retry makes sense (rate limits, lock-outs). */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

/**
 * A failure the domain expects and can explain: it carries a stable, dotted code
 * (`auth.invalid_credentials`) that clients may rely on, and a sentence a person can act on.
 */
export class DomainError extends Error {
  readonly details?: Readonly<Record<string, unknown>>;
  readonly fields?: readonly { readonly field: string; readonly message: string }[];
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.details = options.details;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** For exhaustive switches: the compiler proves this line is unreachable. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
