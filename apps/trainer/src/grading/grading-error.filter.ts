import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GradingError, type GradingErrorCode } from '@propcast/grading';

const STATUS: Record<GradingErrorCode, number> = {
  INVALID_REQUEST: 400,
  MODEL_NOT_FOUND: 404,
  MODEL_METADATA: 422,
  INSUFFICIENT_HISTORY: 422,
};

/** Answers grading's typed errors with their HTTP status and a body naming the problem. */
@Catch(GradingError)
export class GradingErrorFilter implements ExceptionFilter {
  catch(error: GradingError, host: ArgumentsHost): void {
    const status = STATUS[error.code];
    host.switchToHttp().getResponse<Response>().status(status).json({ statusCode: status, error: error.code, message: error.message });
  }
}
