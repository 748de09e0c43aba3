import { CodedErrorWithStatus } from '@propcast/common';

/** Machine-readable category of every error @propcast/training throws. */
export type TrainingErrorCode = 'INVALID_REQUEST' | 'DATASET_TOO_SMALL' | 'LOCK_HELD' | 'LOCK_LOST' | 'ONNX_PARITY' | 'RUN_NOT_FOUND';

/** Base class of all errors thrown by @propcast/training; the table says how the trainer answers each error over HTTP. */
export abstract class TrainingError extends CodedErrorWithStatus<TrainingErrorCode>({
  INVALID_REQUEST: 400,
  DATASET_TOO_SMALL: 422,
  LOCK_HELD: 409,
  LOCK_LOST: 409,
  ONNX_PARITY: 500,
  RUN_NOT_FOUND: 404,
}) {}

/** A training, evaluation or registry request is malformed (unknown stat, bad window, bad weight...). */
export class InvalidTrainingRequestError extends TrainingError {
  readonly code = 'INVALID_REQUEST';
}

/** The dataset of a stat has too few rows or dates to split, train or calibrate. */
export class DatasetTooSmallError extends TrainingError {
  readonly code = 'DATASET_TOO_SMALL';
  constructor(
    readonly stat: string,
    readonly rows: number,
    need: string,
  ) {
    super(`dataset for ${stat} is too small: ${rows} rows; ${need}`);
  }
}

/** Another live run holds the training lease of this stat. */
export class TrainingLockHeldError extends TrainingError {
  readonly code = 'LOCK_HELD';
  constructor(
    readonly stat: string,
    readonly heldByRunId: string,
    readonly holder: string,
    readonly expiresAt: Date,
  ) {
    super(`a training run for ${stat} is already in progress (run ${heldByRunId} on ${holder}, lease until ${expiresAt.toISOString()})`);
  }
}

/** This run's lease expired and another run took the stat over: the run must stop. */
export class TrainingLockLostError extends TrainingError {
  readonly code = 'LOCK_LOST';
  constructor(
    readonly stat: string,
    readonly runId: string,
  ) {
    super(`run ${runId} lost the training lease of ${stat} (it expired and was taken over)`);
  }
}

/** ONNX predictions differ from native XGBoost predictions: the model is not registered. */
export class OnnxParityError extends TrainingError {
  readonly code = 'ONNX_PARITY';
  constructor(
    readonly rowIndex: number,
    readonly native: number,
    readonly onnx: number,
    readonly tolerance: number,
  ) {
    super(`ONNX export does not reproduce native predictions: row ${rowIndex} native ${native} vs onnx ${onnx} (tolerance ${tolerance}); refusing to register`);
  }
}

// The registry's errors (model not found, bad transition, no rollback target, bad metadata) are @propcast/model-registry's.
export { ModelNotFoundError, InvalidModelTransitionError, NoRollbackTargetError, ModelMetadataError } from '@propcast/model-registry';

/** No training run with this id. */
export class TrainingRunNotFoundError extends TrainingError {
  readonly code = 'RUN_NOT_FOUND';
}
