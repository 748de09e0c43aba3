import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FeaturePipelineError, type FeaturePipelineErrorCode } from '@propcast/feature-pipeline';
import { sendErrorBody } from '@propcast/observability';

const STATUS: Record<FeaturePipelineErrorCode, number> = {
  INVALID_REQUEST: 400,
  UNKNOWN_FEATURE_SET: 404,
  UNKNOWN_GAME_DATE: 404,
  UNKNOWN_PLAYERS: 404,
  BACKFILL_NOT_FOUND: 404,
  BACKFILL_NOT_RESUMABLE: 409,
  FEATURE_SET_CONFLICT: 409,
  INVALID_PROCESSORS: 500,
};

/** Answers the pipeline's typed errors with their HTTP status in the one error body; the error's fields go to `details`. */
@Catch(FeaturePipelineError)
export class FeaturePipelineErrorFilter implements ExceptionFilter {
  catch(error: FeaturePipelineError, host: ArgumentsHost): void {
    const details = Object.fromEntries(Object.entries(error).filter(([k]) => k !== 'code' && k !== 'name'));
    const http = host.switchToHttp();
    sendErrorBody(http.getRequest<Request>(), http.getResponse<Response>(), {
      statusCode: STATUS[error.code],
      error: error.code,
      message: error.message,
      ...(Object.keys(details).length ? { details } : {}),
    });
  }
}
