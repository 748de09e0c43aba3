import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { ArtifactIntegrityError, ArtifactNotFoundError } from '@propcast/artifact-store';
import { TrainingError, type TrainingErrorCode } from '@propcast/training';
import type { Response } from 'express';

const STATUS: Record<TrainingErrorCode, HttpStatus> = {
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  DATASET_TOO_SMALL: HttpStatus.UNPROCESSABLE_ENTITY,
  LOCK_HELD: HttpStatus.CONFLICT,
  LOCK_LOST: HttpStatus.CONFLICT,
  ONNX_PARITY: HttpStatus.INTERNAL_SERVER_ERROR,
  MODEL_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  NO_ROLLBACK_TARGET: HttpStatus.CONFLICT,
  METADATA_INVALID: HttpStatus.INTERNAL_SERVER_ERROR,
  RUN_NOT_FOUND: HttpStatus.NOT_FOUND,
};

/** Maps typed training and artifact errors to HTTP statuses with `{error, message}` bodies. */
@Catch(TrainingError, ArtifactIntegrityError, ArtifactNotFoundError)
export class TrainingErrorFilter implements ExceptionFilter {
  /** Answers the error with its status and `{error, message}`. */
  catch(err: TrainingError | ArtifactIntegrityError | ArtifactNotFoundError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const [status, code] = err instanceof TrainingError ? [STATUS[err.code], err.code] : [HttpStatus.INTERNAL_SERVER_ERROR, err.name];
    res.status(status).json({ error: code, message: err.message });
  }
}
