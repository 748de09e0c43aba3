import { CodedErrorWithStatus } from '@propcast/common';

/** Machine-readable category of every error @propcast/model-registry throws. */
export type ModelRegistryErrorCode = 'MODEL_NOT_FOUND' | 'INVALID_TRANSITION' | 'NO_ROLLBACK_TARGET' | 'METADATA_INVALID';

/** Base class of all errors thrown by @propcast/model-registry; the table says how a service answers each registry error over HTTP. */
export abstract class ModelRegistryError extends CodedErrorWithStatus<ModelRegistryErrorCode>({
  MODEL_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  NO_ROLLBACK_TARGET: 409,
  METADATA_INVALID: 500,
}) {}

/** No model with this id (or no production model for this stat). */
export class ModelNotFoundError extends ModelRegistryError {
  readonly code = 'MODEL_NOT_FOUND';
}

/** The requested status/role change is not allowed from the model's current state. */
export class InvalidModelTransitionError extends ModelRegistryError {
  readonly code = 'INVALID_TRANSITION';
}

/** A rollback was asked for but no earlier production model of the stat exists. */
export class NoRollbackTargetError extends ModelRegistryError {
  readonly code = 'NO_ROLLBACK_TARGET';
}

/** A model's metadata.json is missing fields or malformed. */
export class ModelMetadataError extends ModelRegistryError {
  readonly code = 'METADATA_INVALID';
}
