import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendErrorBody } from '@propcast/observability';
import { ServingError } from '@propcast/prediction-serving';

const STATUS_BY_CODE: Record<ServingError['code'], number> = {
  BATCH_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  INVALID_REQUEST: 400,
  BATCH_CONFLICT: 409,
  FEATURES_NOT_READY: 409,
  NOTHING_TO_PREDICT: 409,
  MODEL_ARTIFACT: 500,
  SERVING_CONFIG: 500,
};

/** Answers serving errors with their HTTP status in the one error body (`details.issues` names each bad field). */
@Catch(ServingError)
export class ServingErrorFilter implements ExceptionFilter {
  catch(error: ServingError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const details = 'issues' in error ? { details: { issues: error.issues } } : {};
    sendErrorBody(http.getRequest<Request>(), http.getResponse<Response>(), { statusCode: STATUS_BY_CODE[error.code], error: error.code, message: error.message, ...details });
  }
}
