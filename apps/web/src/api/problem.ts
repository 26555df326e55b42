/**
 * RFC 9457 problem details as the API sends them, and the one error type the UI deals with.
 * Anything that is not a well-formed problem (a proxy's HTML error page, a dropped connection)
 * becomes an ApiError too, with a client-side code, so every failure can be shown the same way.
 */
export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
  /** The API's correlation id, which its logs carry too: what support staff ask for. */
  requestId?: string;
}

/** Codes the client invents for failures that never produced a problem document. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  unexpectedResponse: 'unexpected_response',
  sessionExpired: 'session_expired',
} as const;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title?: string;
  readonly detail?: string;
  readonly type?: string;
  readonly requestId?: string;
  readonly fieldErrors: ProblemFieldError[];
  /**
   * The problem's extension members (RFC 9457 section 3.2), such as the `document` a refusal
   * names, so a translated sentence can name it too.
   */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    type?: string;
    requestId?: string;
    fieldErrors?: ProblemFieldError[];
    extensions?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(init.detail ?? init.title ?? init.code, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? [];
    this.extensions = init.extensions ?? {};
  }
}

function isFieldError(value: unknown): value is ProblemFieldError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.field === 'string' && typeof candidate.message === 'string';
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Turns a failed response's body into an ApiError. The body has already been read; `body` is
 * whatever JSON.parse gave (or undefined when it was not JSON).
 */
export function problemToError(status: number, body: unknown): ApiError {
  if (typeof body !== 'object' || body === null) {
    return new ApiError({ status, code: CLIENT_ERROR_CODES.unexpectedResponse });
  }
  const problem = body as Record<string, unknown>;
  const errors = Array.isArray(problem.errors) ? problem.errors.filter(isFieldError) : [];
  return new ApiError({
    status: typeof problem.status === 'number' ? problem.status : status,
    code: optionalString(problem.code) ?? CLIENT_ERROR_CODES.unexpectedResponse,
    title: optionalString(problem.title),
    detail: optionalString(problem.detail),
    type: optionalString(problem.type),
    requestId: optionalString(problem.requestId),
    fieldErrors: errors,
    extensions: Object.fromEntries(Object.entries(problem).filter(([key]) => !STANDARD_MEMBERS.has(key))),
  });
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'requestId']);

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
