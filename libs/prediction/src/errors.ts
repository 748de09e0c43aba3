import { CodedError } from '@propcast/common';

/** Machine-readable category of every error this library throws. */
export type PredictionErrorCode = 'INVALID_INPUT' | 'INVALID_ODDS' | 'INSUFFICIENT_DATA' | 'MODEL_STATE';

/** Base class of all errors thrown by @propcast/prediction. */
export abstract class PredictionError extends CodedError<PredictionErrorCode> {}

/** An argument is malformed: non-finite number, probability outside [0, 1], mismatched lengths, bad option. */
export class InvalidInputError extends PredictionError {
  readonly code = 'INVALID_INPUT';
}

/** An American price is not a valid price (|odds| < 100, non-integer-like garbage, NaN). */
export class InvalidOddsError extends PredictionError {
  readonly code = 'INVALID_ODDS';
}

/** Too few rows to fit a model with the requested options. */
export class InsufficientDataError extends PredictionError {
  readonly code = 'INSUFFICIENT_DATA';
}

/** Serialised model state is malformed or of an unsupported version. */
export class ModelStateError extends PredictionError {
  readonly code = 'MODEL_STATE';
}
