import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GradingError, type GradingErrorCode } from '@propcast/grading';
import { sendErrorBody } from '@propcast/observability';

const STATUS: Record<GradingErrorCode, number> = {
  INVALID_REQUEST: 400,
  MODEL_NOT_FOUND: 404,
  MODEL_METADATA: 422,
  INSUFFICIENT_HISTORY: 422,
};

/** Answers grading's typed errors with their HTTP status in the one error body. */
@Catch(GradingError)
export class GradingErrorFilter implements ExceptionFilter {
  catch(error: GradingError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendErrorBody(http.getRequest<Request>(), http.getResponse<Response>(), { statusCode: STATUS[error.code], error: error.code, message: error.message });
  }
}
