import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
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

/** Answers serving errors with their HTTP status and `{error, message, issues?}`; everything else is Nest's business. */
@Catch(ServingError)
export class ServingErrorFilter implements ExceptionFilter {
  catch(error: ServingError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const issues = 'issues' in error ? { issues: error.issues } : {};
    res.status(STATUS_BY_CODE[error.code]).json({ error: error.code, message: error.message, ...issues });
  }
}
