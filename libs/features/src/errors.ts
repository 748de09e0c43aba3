import { CodedError } from '@propcast/common';

/** Machine-readable category of every error this library throws. */
export type FeatureErrorCode = 'CHRONOLOGY' | 'INVALID_INPUT' | 'CODEC' | 'UNSUPPORTED_FEATURE_SET' | 'STATE';

/** Base class of all errors thrown by @propcast/features. */
export abstract class FeatureError extends CodedError<FeatureErrorCode> {}

/** Data was offered out of chronological order, which would leak the future into features. */
export class ChronologyError extends FeatureError {
  readonly code = 'CHRONOLOGY';
}

/** An input record is malformed (bad date, wrong date for the batch, duplicate row, unknown stat). */
export class InvalidFeatureInputError extends FeatureError {
  readonly code = 'INVALID_INPUT';
}

/** A stored feature vector cannot be decoded. */
export class FeatureCodecError extends FeatureError {
  readonly code = 'CODEC';
}

/** The feature computer was asked for a feature set it does not implement. */
export class UnsupportedFeatureSetError extends FeatureError {
  readonly code = 'UNSUPPORTED_FEATURE_SET';
}

/** A saved feature-computer state cannot be restored (truncated, another format, other window sizes). */
export class FeatureStateError extends FeatureError {
  readonly code = 'STATE';
}
