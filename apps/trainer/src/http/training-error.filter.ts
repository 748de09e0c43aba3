import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { ArtifactIntegrityError, ArtifactNotFoundError } from '@propcast/artifact-store';
import { ModelRegistryError, type ModelRegistryErrorCode } from '@propcast/model-registry';
import { TrainingError, type TrainingErrorCode } from '@propcast/training';
import type { Request, Response } from 'express';
import { sendErrorBody } from '@propcast/observability';

const STATUS: Record<TrainingErrorCode | ModelRegistryErrorCode, HttpStatus> = {
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

/** Maps typed training, registry and artifact errors to HTTP statuses, in the one error body. */
@Catch(TrainingError, ModelRegistryError, ArtifactIntegrityError, ArtifactNotFoundError)
export class TrainingErrorFilter implements ExceptionFilter {
  /** Answers the error with its status, code and message. */
  catch(err: TrainingError | ModelRegistryError | ArtifactIntegrityError | ArtifactNotFoundError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const [status, code] =
      err instanceof TrainingError || err instanceof ModelRegistryError
        ? [STATUS[err.code], err.code]
        : [HttpStatus.INTERNAL_SERVER_ERROR, err instanceof ArtifactIntegrityError ? 'ARTIFACT_INTEGRITY' : 'ARTIFACT_NOT_FOUND'];
    sendErrorBody(http.getRequest<Request>(), http.getResponse<Response>(), { statusCode: status, error: code, message: err.message });
  }
}
