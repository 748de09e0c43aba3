import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CodedError } from '@propcast/common';
import { httpExceptionBody, sendErrorBody, type ErrorBody } from './error-body';

/** Postgres SQLSTATEs raised by text the database cannot store (a NUL byte, invalid UTF-8): the input is at fault. */
const UNSTORABLE_TEXT = new Set(['22P05', '22021']);

/** Body-parser's errors (malformed JSON, body too large...) carry their HTTP status and a `type`. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message: string;
}

/** The Postgres SQLSTATE behind an error: pg's own `code`, or the one Prisma's driver adapter wraps in `meta`. */
export function sqlStateOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } } } | undefined;
  const cause = e?.meta?.driverAdapterError?.cause;
  for (const code of [cause?.originalCode, cause?.code, e?.code]) if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return undefined;
}

/** The error body of anything thrown while handling a request. */
export function errorBodyOf(err: unknown): Omit<ErrorBody, 'requestId'> {
  if (err instanceof HttpException) return httpExceptionBody(err);
  if (err instanceof CodedError && err.httpStatus !== undefined) {
    const details = err.httpDetails();
    return { statusCode: err.httpStatus, error: err.code, message: err.message, ...(details ? { details } : {}) };
  }
  const e = err as Partial<BodyParserError> & { code?: string };
  const sqlState = sqlStateOf(err);
  if (sqlState && UNSTORABLE_TEXT.has(sqlState)) {
    return { statusCode: 422, error: 'UNSTORABLE_TEXT', message: 'the request holds text the database cannot store (a NUL byte \\u0000 or invalid UTF-8)' };
  }
  const status = e?.status ?? e?.statusCode;
  if (e?.expose && typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, error: e.type === 'entity.parse.failed' ? 'MALFORMED_BODY' : 'BAD_REQUEST', message: e.message ?? 'bad request' };
  }
  return { statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: 'internal error: the service log has the details under this requestId' };
}

/**
 * The one exception filter of every service (installed globally by installHttpPlatform): each error leaves as
 * `{statusCode, error, message, details?, requestId}`. A lib's typed errors (CodedError) carry their own HTTP status and
 * details, declared beside them; Nest's HttpExceptions keep theirs; anything else is a 500 whose details stay in the log.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = errorBodyOf(err);
    if (body.statusCode >= 500) this.logger.error(`${req.method} ${req.path} failed: ${(err as Error)?.stack ?? String(err)}`);
    if (res.headersSent) return;
    sendErrorBody(req, res, body);
  }
}
