import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { describeSqlError } from '../database/sql-logger';
import { DomainError, type ErrorKind, assertNever } from '../errors/domain-error';

/** RFC 9457 problem details, with the platform's stable `code`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export function statusForKind(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'gone':
      return HttpStatus.GONE;
    case 'locked':
      return HttpStatus.LOCKED;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'unsupported':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertNever(kind, 'error kind');
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'No longer available',
  413: 'Too large',
  415: 'Unsupported content',
  422: 'Cannot be processed',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Codes for errors that did not come from the domain (routing, body parsing, framework guards). */
const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'auth.unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** When a client is told to try again after the database did not answer (it has waited its acquire timeout already). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export function problemType(code: string): string {
  return `urn:ejustice:problem:${code}`;
}

/**
 * The one place where failures become HTTP responses. Domain errors keep their code and
 * sentence; framework errors get a generic code; anything unexpected is logged with its stack
 * and answered with a 500 that carries only the request id (never a stack trace).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const problem = this.toProblem(exception, req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // The problem says it in whole seconds (a domain error's, rounded up; the database's); the header repeats it.
    if (typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, req: Request): ProblemDetails {
    const requestId = RequestContext.requestId() ?? (req as Request & { id?: string }).id;
    if (exception instanceof DomainError) {
      const status = statusForKind(exception.kind);
      // Details first: a detail named like a problem field (`status`, `code`) must never replace it.
      return {
        ...(exception.details ?? {}),
        type: problemType(exception.code),
        title: TITLES[status] ?? 'Error',
        status,
        detail: exception.message,
        code: exception.code,
        ...(exception.fields ? { errors: exception.fields.map((f) => ({ ...f })) } : {}),
        ...(exception.retryAfterSeconds !== undefined ? { retryAfterSeconds: Math.max(1, Math.ceil(exception.retryAfterSeconds)) } : {}),
        requestId,
      };
    }
    // Express's body parser errors arrive wrapped in an HttpException, the original as its cause.
    const parserError = bodyParserError(exception instanceof HttpException ? exception.cause : exception);
    if (parserError) {
      return {
        type: problemType(parserError.code),
        title: TITLES[parserError.status],
        status: parserError.status,
        detail: parserError.detail,
        code: parserError.code,
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) this.logger.error(`request() failed [status:${status}]`, exception.stack);
      const code = HTTP_CODES[status] ?? `http_${status}`;
      return {
        type: problemType(code),
        title: TITLES[status] ?? 'Error',
        status,
        detail: frameworkDetail(exception, status),
        code,
        requestId,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      // The operators' concern (pool size, the server's health), not a defect: said once, without a stack.
      this.logger.warn(
        `request() found the database unavailable [method:${req.method}] [path:${req.route?.path ?? 'unmatched'}] [error:${(exception as Error).message}]`,
      );
      return {
        type: problemType('database_unavailable'),
        title: TITLES[503],
        status: 503,
        detail: `The court's database is not answering just now. Try again in a moment; if it keeps happening, quote request id ${requestId ?? 'unknown'} to the court's IT team.`,
        code: 'database_unavailable',
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
        requestId,
      };
    }
    this.logger.error(
      `request() failed unexpectedly [method:${req.method}] [path:${req.route?.path ?? 'unmatched'}]`,
      // A failed statement's message may quote the values it was given: logged without them.
      exception instanceof QueryFailedError
        ? `${describeSqlError(exception)}\n${exception.stack?.split('\n').slice(1).join('\n') ?? ''}`
        : exception instanceof Error
          ? exception.stack
          : String(exception),
    );
    return {
      type: problemType('internal_error'),
      title: TITLES[500],
      status: 500,
      detail: `Something went wrong on our side. If it happens again, quote request id ${requestId ?? 'unknown'} to the court's IT team.`,
      code: 'internal_error',
      requestId,
    };
  }
}

function frameworkDetail(exception: HttpException, status: number): string {
  switch (status) {
    case 404:
      return 'There is nothing at this address.';
    case 401:
      return 'Sign in to continue.';
    case 403:
      return 'Your role does not allow this action.';
    case 413:
      return 'The request is larger than the court accepts.';
    default: {
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : exception.message;
      return Array.isArray(message) ? message.join('; ') : String(message);
    }
  }
}

/** Why a text holding the NUL character is refused, wherever it comes in (a JSON body, a filing's metadata). */
export const TEXT_WITH_NUL =
  'A text in the request holds the NUL character (U+0000), which no text of the court may contain: remove it and send again.';

/** Express's body parser reports malformed or oversized bodies with `type` and `status`. */
function bodyParserError(e: unknown): { status: number; code: string; detail: string } | undefined {
  if (!e || typeof e !== 'object' || !('type' in e)) return undefined;
  const type = (e as { type: unknown }).type;
  if (type === 'entity.parse.failed') return { status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON.' };
  if (type === 'entity.too.deep') {
    return { status: 400, code: 'body_too_deep', detail: 'The request body is nested deeper than any request of the court needs.' };
  }
  if (type === 'entity.reserved.key') {
    return {
      status: 400,
      code: 'reserved_field_name',
      detail: 'The request body uses __proto__, constructor or prototype as a field name, which no request of the court has.',
    };
  }
  if (type === 'entity.nul.character') return { status: 400, code: 'text_with_nul', detail: TEXT_WITH_NUL };
  if (type === 'entity.too.large')
    return { status: 413, code: 'payload_too_large', detail: 'The request body is larger than the court accepts.' };
  if (type === 'content.type.unsupported') {
    return {
      status: 415,
      code: 'unsupported_media_type',
      detail: 'The request body is of a type the court does not read: send JSON (or the form or file the request asks for).',
    };
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, code: 'unsupported_media_type', detail: 'The request body uses an encoding the court does not accept.' };
  }
  return undefined;
}
