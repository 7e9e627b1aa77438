import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  ValidationError,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from '@ctms/domain';
import type { CtmsRequest } from './request-context';

export type FieldProblems = { field: string; problems: string[] }[];

/** A 400 whose `details` name each bad field and what is wrong with it. */
export class ValidationFailed extends BadRequestException {
  constructor(
    public readonly details: FieldProblems,
    message = 'Validation failed',
  ) {
    super(message);
  }
}

/**
 * A 400 for an id in a request body that the access layer could not resolve for this caller: a
 * record of another agency gets exactly this answer, as a missing one does. It is a denial, so it
 * is audited as one (DenialAuditInterceptor).
 */
export class RefusedId extends ValidationFailed {
  constructor(field: string, problem: string) {
    super([{ field, problems: [problem] }]);
  }
}

/** A refused state change or a stale version: 409 with a machine-readable code (and, optionally, what was missing). */
export class Conflict extends HttpException {
  constructor(
    public readonly code: string,
    message: string,
    public readonly details?: FieldProblems,
    /** coded facts for the DENIED audit row (never a protected value) */
    public readonly auditDetails?: Record<string, unknown>,
  ) {
    super(message, HttpStatus.CONFLICT);
  }
}

/** A file whose content (read from its bytes) is not an accepted type: 415 naming the field. */
export class UnsupportedMediaType extends HttpException {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  constructor(
    public readonly details: FieldProblems,
    message = 'Unsupported media type',
  ) {
    super(message, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
}

/** Too many requests: 429 with Retry-After (seconds), set by the ErrorFilter. */
export class TooManyRequests extends HttpException {
  constructor(
    public readonly retryAfterSeconds: number,
    message = 'Too many requests; try again later',
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** The one 404 for "missing" and "not yours": same status, same body, nothing to tell them apart. */
export class NotFound extends HttpException {
  constructor() {
    super('Not found', HttpStatus.NOT_FOUND);
  }
}

/**
 * Exceptions whose DENIED audit row is already written (by the code that refused, which knew more
 * than the route): the interceptor that audits denials leaves them alone, so each is audited once.
 */
const AUDITED = new WeakSet<object>();

export function markAudited<E>(e: E): E {
  if (typeof e === 'object' && e !== null) AUDITED.add(e);
  return e;
}

export function isAudited(e: unknown): boolean {
  return typeof e === 'object' && e !== null && AUDITED.has(e);
}

function flatten(errors: ValidationError[], parent = ''): FieldProblems {
  const out: FieldProblems = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      out.push({ field, problems: Object.values(e.constraints) });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** at most this many field problems in one answer: a body of 1,000 unknown keys gets a short reply */
export const MAX_DETAILS = 50;

export function validationExceptionFactory(errors: ValidationError[]): ValidationFailed {
  return new ValidationFailed(flatten(errors).slice(0, MAX_DETAILS));
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * One error shape everywhere (docs/api.md "Errors"). Messages come only from our own exceptions; anything
 * unexpected becomes a bare 500 with the request id, and the details go to the log, not the client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<CtmsRequest>();
    const requestId = req.requestId ?? 'unknown';
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let message = 'Internal server error';
    let details: ApiErrorBody['details'];
    let code: string | undefined;

    if (exception instanceof HttpException) {
      status = exception.getStatus();
      // a throttled attempt says when to come back (credential throttle, argon2 queue)
      const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (status === 429 && typeof retryAfter === 'number' && Number.isFinite(retryAfter))
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
      const body = exception.getResponse();
      if (exception instanceof ValidationFailed) {
        details = exception.details;
        message = exception.message;
      } else if (exception instanceof Conflict) {
        code = exception.code;
        message = exception.message;
        details = exception.details;
      } else if (exception instanceof TooManyRequests) {
        message = exception.message;
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
      } else if (exception instanceof UnsupportedMediaType) {
        code = exception.code;
        details = exception.details;
        message = exception.message;
      } else if (typeof body === 'string') {
        message = body;
      } else if (body && typeof body === 'object' && 'message' in body) {
        const m = body.message;
        message = Array.isArray(m) ? m.join('; ') : String(m);
      }
      // body-parser's errors (malformed JSON, too large) carry internal wording: normalise them
      if (status === 400 && !details && /JSON|Unexpected token/i.test(message)) message = 'Malformed JSON body';
    } else if (isStatementTimeout(exception)) {
      // statement_timeout cancelled the query: the server is not broken, the request was too big for now
      status = HttpStatus.SERVICE_UNAVAILABLE;
      message = 'The request took too long and was stopped; try again, or narrow it';
      res.setHeader('Retry-After', '5');
      this.logger.warn({ requestId }, 'statement timeout');
    } else if (isBodyParserError(exception)) {
      status = exception.status;
      message = status === 413 ? 'Request body too large' : 'Malformed request body';
    } else {
      this.logger.error(
        {
          requestId,
          err:
            exception instanceof Error
              ? { name: exception.name, message: exception.message, stack: exception.stack }
              : 'non-error thrown',
        },
        'unhandled error',
      );
    }
    if (status >= 500 && exception instanceof HttpException === false && status !== 503)
      message = 'Internal server error';

    const out: ApiErrorBody & { code?: string } = {
      statusCode: status,
      error: REASON[status] ?? 'Error',
      message,
      ...(code ? { code } : {}),
      ...(details ? { details } : {}),
      requestId,
    };
    res.status(status).json(out);
  }
}

/** PostgreSQL's query_canceled (57014), as TypeORM's QueryFailedError or pg's own error. */
export function isStatementTimeout(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as { code?: unknown; driverError?: { code?: unknown } };
  return x.code === '57014' || x.driverError?.code === '57014';
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { status?: unknown }).status === 'number' &&
    typeof (e as { type?: unknown }).type === 'string'
  );
}

/** Someone changed the record since the caller read it (optimistic versioning). */
export const staleVersion = (what = 'case') =>
  new Conflict('STALE_VERSION', `Someone else changed this ${what}; reload it and try again`);
