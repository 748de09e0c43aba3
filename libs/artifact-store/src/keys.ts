import { InvalidArtifactKeyError } from './errors';

/** Ending of the file driver's metadata sidecar, `<file>.artifact-meta.json`. */
export const SIDECAR_SUFFIX = '.artifact-meta.json';
/** Ending of the file driver's in-progress writes. */
export const TEMP_SUFFIX = '.artifact-tmp';
/** Name endings the store uses for its own files; no key segment may end with them. */
export const RESERVED_SUFFIXES = [SIDECAR_SUFFIX, TEMP_SUFFIX];

const MAX_KEY_BYTES = 1024; // GCS's object-name limit, applied to every driver so keys stay portable.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Returns `key` if it is a portable artifact key ('/'-separated relative path without '.', '..' or empty segments), else throws InvalidArtifactKeyError. */
export function assertValidKey(key: string): string {
  assertPortablePath(key);
  if (key === '') throw new InvalidArtifactKeyError(key, 'is empty');
  for (const segment of key.split('/')) {
    assertWholeSegment(key, segment);
    const suffix = RESERVED_SUFFIXES.find((reserved) => segment.endsWith(reserved));
    if (suffix) throw new InvalidArtifactKeyError(key, `segment "${segment}" ends with "${suffix}", which the store reserves`);
  }
  return key;
}

/** Returns `prefix` if it can select keys ('' selects all; the last segment may be partial or empty), else throws InvalidArtifactKeyError. */
export function assertValidPrefix(prefix: string): string {
  assertPortablePath(prefix);
  for (const segment of prefix.split('/').slice(0, -1)) assertWholeSegment(prefix, segment);
  return prefix;
}

/** Tells whether `value` starts with a URI scheme and '//' (gs://, file://, ...) rather than being a bare key. */
export function isUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

function assertPortablePath(key: string): void {
  if (typeof key !== 'string') throw new InvalidArtifactKeyError(String(key), 'is not a string');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new InvalidArtifactKeyError(key, `is longer than ${MAX_KEY_BYTES} bytes`);
  if (key.startsWith('/')) throw new InvalidArtifactKeyError(key, 'is absolute; keys are relative to the store root');
  if (key.includes('\\')) throw new InvalidArtifactKeyError(key, 'contains "\\"; use "/" as the separator');
  if (CONTROL_CHARS.test(key)) throw new InvalidArtifactKeyError(key, 'contains control characters');
}

function assertWholeSegment(key: string, segment: string): void {
  if (segment === '') throw new InvalidArtifactKeyError(key, 'has an empty segment ("//" or a trailing "/")');
  if (segment === '.' || segment === '..') throw new InvalidArtifactKeyError(key, `has a "${segment}" segment`);
}
