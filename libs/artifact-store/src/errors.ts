import { CodedError } from '@propcast/common';

/** No artifact exists at the given URI (answered 500 over HTTP: a registered model's artifact is missing). */
export class ArtifactNotFoundError extends CodedError<'ARTIFACT_NOT_FOUND'> {
  readonly code = 'ARTIFACT_NOT_FOUND';
  override get httpStatus(): number {
    return 500;
  }
  constructor(readonly uri: string) {
    super(`Artifact not found: ${uri}`);
  }
}

/** An artifact's content does not match its recorded (or the caller's expected) checksum (answered 500 over HTTP). */
export class ArtifactIntegrityError extends CodedError<'ARTIFACT_INTEGRITY'> {
  readonly code = 'ARTIFACT_INTEGRITY';
  override get httpStatus(): number {
    return 500;
  }
  constructor(
    readonly uri: string,
    readonly expected: string,
    readonly actual: string,
    reason = 'sha256 mismatch',
  ) {
    super(`Artifact integrity check failed for ${uri}: ${reason} (expected ${expected}, actual ${actual})`);
  }
}

/** A key, prefix or URI that cannot address an artifact in this store. */
export class InvalidArtifactKeyError extends Error {
  override readonly name = 'InvalidArtifactKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid artifact key ${JSON.stringify(key)}: ${reason}`);
  }
}
