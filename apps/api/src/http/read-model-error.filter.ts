import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendErrorBody } from '@propcast/observability';
import { InvalidParameterError, ReadModelError, type ReadModelErrorCode } from '@propcast/read-model';

const STATUS: Record<ReadModelErrorCode, number> = { INVALID_PARAMETER: 400, NOT_FOUND: 404 };

/**
 * Answers the read model's typed errors in the one error body: 400 naming the bad parameter (details.parameter),
 * 404 naming what is missing. Bound per controller: a controller filter runs before the platform's global one.
 */
@Catch(ReadModelError)
export class ReadModelErrorFilter implements ExceptionFilter {
  catch(error: ReadModelError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const details = error instanceof InvalidParameterError ? { parameter: error.parameter, problems: error.problems } : undefined;
    sendErrorBody(http.getRequest<Request>(), http.getResponse<Response>(), { statusCode: STATUS[error.code], error: error.code, message: error.message, details });
  }
}
