import { CodedErrorWithStatus } from '@propcast/common';

/** Machine-readable category of every error @propcast/grading throws. */
export type GradingErrorCode = 'INVALID_REQUEST' | 'MODEL_NOT_FOUND' | 'MODEL_METADATA' | 'INSUFFICIENT_HISTORY';

/** Base class of the errors this library throws; `code` tells callers (HTTP, CLI) how to react, the table the HTTP status. */
export abstract class GradingError extends CodedErrorWithStatus<GradingErrorCode>({
  INVALID_REQUEST: 400,
  MODEL_NOT_FOUND: 404,
  MODEL_METADATA: 422,
  INSUFFICIENT_HISTORY: 422,
}) {}

/** A request is malformed: bad date, empty or inverted range, unknown stat or strategy, bad threshold. */
export class InvalidGradingRequestError extends GradingError {
  readonly code = 'INVALID_REQUEST';
}

/** No model matches the requested id (or no production model exists for a stat). */
export class ModelNotFoundError extends GradingError {
  readonly code = 'MODEL_NOT_FOUND';
}

/** A model's metadata.json cannot be read or lacks what drift detection needs. */
export class ModelMetadataError extends GradingError {
  readonly code = 'MODEL_METADATA';
}

/** Too little history before a day to train a walk-forward model. */
export class InsufficientHistoryError extends GradingError {
  readonly code = 'INSUFFICIENT_HISTORY';
}
