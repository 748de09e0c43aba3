/** No artifact exists at the given URI. */
export class ArtifactNotFoundError extends Error {
  override readonly name = 'ArtifactNotFoundError';
  constructor(readonly uri: string) {
    super(`Artifact not found: ${uri}`);
  }
}

/** An artifact's content does not match its recorded (or the caller's expected) checksum. */
export class ArtifactIntegrityError extends Error {
  override readonly name = 'ArtifactIntegrityError';
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
