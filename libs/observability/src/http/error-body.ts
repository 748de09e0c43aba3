import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestContext } from '../logger';

/** The one error body of every Propcast HTTP API. */
export interface ErrorBody {
  statusCode: number;
  /** Machine-readable code, UPPER_SNAKE (e.g. UNAUTHORIZED, BATCH_NOT_FOUND, IMPORT_REJECTED). */
  error: string;
  /** What went wrong, for a person. */
  message: string;
  /** Anything more a client can act on (the import report, the fields in error...). */
  details?: unknown;
  /** The request id (x-request-id), to find the request in the logs. */
  requestId?: string;
}

/** The request id of the request being answered (set by the request-context middleware, or sent by the client). */
export function requestIdOf(req: Request, res: Response): string | undefined {
  const fromContext = requestContext.getStore()?.requestId;
  if (fromContext) return fromContext;
  const header = res.getHeader('x-request-id') ?? req.headers['x-request-id'];
  return typeof header === 'string' && header.length <= 128 ? header : undefined;
}

/** UPPER_SNAKE name of an HTTP status (404 -> NOT_FOUND), the `error` of bodies that bring no code of their own. */
export function statusCode(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'HTTP_ERROR');
}

/** Writes the error body with its status. */
export function sendErrorBody(req: Request, res: Response, body: Omit<ErrorBody, 'requestId'>): void {
  const requestId = requestIdOf(req, res);
  const out: ErrorBody = { statusCode: body.statusCode, error: body.error, message: body.message };
  if (body.details !== undefined) out.details = body.details;
  if (requestId) out.requestId = requestId;
  res.status(body.statusCode).json(out);
}

const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;

/**
 * The error body of a Nest HttpException, whatever shape its response has: a string, Nest's own
 * `{statusCode, message, error: 'Bad Request'}`, or ours `{error: 'CODE', message, ...details}`.
 */
export function httpExceptionBody(err: HttpException): Omit<ErrorBody, 'requestId'> {
  const status = err.getStatus();
  const response = err.getResponse();
  if (typeof response === 'string') return { statusCode: status, error: statusCode(status), message: response };
  const { statusCode: _ignored, error, message, details, ...rest } = response as Record<string, unknown>;
  const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : err.message;
  const code = typeof error === 'string' && UPPER_SNAKE.test(error) ? error : statusCode(status);
  const extra = details ?? (Object.keys(rest).length ? rest : undefined);
  return { statusCode: status, error: code, message: text, ...(extra === undefined ? {} : { details: extra }) };
}

/** Writes the body of an HttpException (used where Nest's filters do not run, e.g. express middleware). */
export function sendHttpExceptionBody(req: Request, res: Response, err: HttpException): void {
  sendErrorBody(req, res, httpExceptionBody(err));
}
