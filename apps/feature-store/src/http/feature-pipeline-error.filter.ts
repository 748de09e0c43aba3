import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { FeaturePipelineError, type FeaturePipelineErrorCode } from '@propcast/feature-pipeline';

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

/** Answers the pipeline's typed errors with their HTTP status and a body naming the problem. */
@Catch(FeaturePipelineError)
export class FeaturePipelineErrorFilter implements ExceptionFilter {
  catch(error: FeaturePipelineError, host: ArgumentsHost): void {
    const status = STATUS[error.code];
    const details = Object.fromEntries(Object.entries(error).filter(([k]) => k !== 'code' && k !== 'name'));
    host.switchToHttp().getResponse<Response>().status(status).json({ statusCode: status, error: error.code, message: error.message, ...details });
  }
}
