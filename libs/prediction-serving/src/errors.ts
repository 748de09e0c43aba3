import { CodedErrorWithStatus } from '@propcast/common';

/** Machine-readable category of every error this library throws. */
export type ServingErrorCode = 'BATCH_NOT_FOUND' | 'BATCH_CONFLICT' | 'FEATURES_NOT_READY' | 'NOTHING_TO_PREDICT' | 'JOB_NOT_FOUND' | 'INVALID_REQUEST' | 'MODEL_ARTIFACT' | 'SERVING_CONFIG';

/** Base class of all errors thrown by @propcast/prediction-serving; the table says how the coordinator and worker answer each error over HTTP. */
export abstract class ServingError extends CodedErrorWithStatus<ServingErrorCode>({
  BATCH_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  INVALID_REQUEST: 400,
  BATCH_CONFLICT: 409,
  FEATURES_NOT_READY: 409,
  NOTHING_TO_PREDICT: 409,
  MODEL_ARTIFACT: 500,
  SERVING_CONFIG: 500,
}) {}

/** No prediction batch has this id (or none exists for the game date asked about). */
export class BatchNotFoundError extends ServingError {
  readonly code = 'BATCH_NOT_FOUND';

  constructor(readonly lookup: string) {
    super(`prediction batch not found: ${lookup}`);
  }
}

/** Forced starts of one date kept colliding on the next attempt number. */
export class BatchConflictError extends ServingError {
  readonly code = 'BATCH_CONFLICT';
}

/**
 * A start for a date whose expected feature processors have not all reported phase.completed: starting now would
 * predict from missing or stale features. The batch starts by itself once they report (trigger mode all_complete).
 */
export class FeaturesNotReadyError extends ServingError {
  readonly code = 'FEATURES_NOT_READY';

  constructor(
    readonly gameDate: string,
    readonly missing: readonly string[],
  ) {
    super(`features of ${gameDate} are not ready: waiting for phase.completed from ${missing.join(', ')}; the batch starts when they report`);
  }
}

/** A date with nothing to predict: no scheduled game, or no player of its games has a feature row. */
export class NothingToPredictError extends ServingError {
  readonly code = 'NOTHING_TO_PREDICT';

  constructor(
    readonly gameDate: string,
    readonly reason: string,
  ) {
    super(`nothing to predict on ${gameDate}: ${reason}`);
  }
}

/** A job result names a job that prediction_jobs does not hold. */
export class JobNotFoundError extends ServingError {
  readonly code = 'JOB_NOT_FOUND';

  constructor(readonly jobId: string) {
    super(`prediction job not found: ${jobId}`);
  }
}

/** An API request is malformed; `issues` holds one `field: problem` line per violation. */
export class InvalidRequestError extends ServingError {
  readonly code = 'INVALID_REQUEST';

  constructor(readonly issues: readonly string[]) {
    super(`invalid request: ${issues.join('; ')}`);
  }

  /** `details.issues` names each bad field. */
  override httpDetails(): Record<string, unknown> {
    return { issues: this.issues };
  }
}

/** A model's artifacts could not be loaded (missing, sha256 mismatch, unreadable ONNX or metadata). */
export class ModelArtifactError extends ServingError {
  readonly code = 'MODEL_ARTIFACT';

  constructor(
    readonly modelId: string,
    readonly uri: string,
    readonly reason: string,
  ) {
    super(`model ${modelId} artifact ${uri} rejected: ${reason}`);
  }
}

/** Serving options that cannot work (non-positive job size, unknown trigger mode...). */
export class ServingConfigError extends ServingError {
  readonly code = 'SERVING_CONFIG';
}
