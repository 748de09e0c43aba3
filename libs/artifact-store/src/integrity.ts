import { ArtifactIntegrityError } from './errors';
import { sha256Hex } from './hashing';

/** The error for an artifact that has no recorded sha256 to verify against. */
export function missingChecksumError(uri: string): ArtifactIntegrityError {
  return new ArtifactIntegrityError(uri, 'a stored sha256', 'none', 'no checksum was recorded for it');
}

/** Throws ArtifactIntegrityError unless `data` hashes to the stored sha256 and, when given, to `expectedSha256`. */
export function verifySha256(uri: string, data: Buffer, stored: string | undefined, expectedSha256?: string): void {
  if (stored === undefined) throw missingChecksumError(uri);
  const actual = sha256Hex(data);
  if (actual !== stored) throw new ArtifactIntegrityError(uri, stored, actual, 'content does not match its stored sha256');
  if (expectedSha256 !== undefined && actual !== expectedSha256.toLowerCase()) {
    throw new ArtifactIntegrityError(uri, expectedSha256, actual, 'content does not match the expected sha256');
  }
}
