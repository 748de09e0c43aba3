import type { Readable } from 'node:stream';

/** Where an artifact lives and what it holds: its full URI, its key under the store root, sha256 (hex) and size in bytes. */
export interface ArtifactRef {
  uri: string;
  key: string;
  sha256: string;
  size: number;
}

export interface PutOptions {
  contentType?: string;
  /** Custom metadata stored with the artifact; the name `sha256` is reserved for the store's checksum. */
  metadata?: Record<string, string>;
}

export interface GetOptions {
  /** Also require the content to hash to this sha256 (hex), on top of the stored checksum. */
  expectedSha256?: string;
}

/**
 * A blob store that checksums everything it writes and verifies everything it reads.
 * Keys are relative '/'-separated paths; every method taking `uriOrKey` also accepts the artifact's full URI.
 */
export interface ArtifactStore {
  /** Writes `body` under `key` (replacing any previous artifact) and records its sha256. */
  put(key: string, body: Buffer | Readable, opts?: PutOptions): Promise<ArtifactRef>;
  /** Reads an artifact whole, verifying its sha256; throws ArtifactNotFoundError or ArtifactIntegrityError. */
  get(uriOrKey: string, opts?: GetOptions): Promise<Buffer>;
  /** Tells whether an artifact exists. */
  exists(uriOrKey: string): Promise<boolean>;
  /** Lists every artifact whose key starts with `prefix` (plain string prefix, recursive), sorted by key. */
  list(prefix: string): Promise<ArtifactRef[]>;
  /** Deletes an artifact; deleting a missing one is a no-op. */
  delete(uriOrKey: string): Promise<void>;
  /** The full URI of `key` in this store. */
  uriFor(key: string): string;
  /**
   * Removes what writes killed midway left behind (temp files, local spools) older than `olderThanMs`, so a write in
   * progress is never touched; returns how many were removed.
   */
  sweepTemporaries(olderThanMs: number): Promise<number>;
}

/** Custom-metadata name under which the sha256 is stored (GCS metadata, file sidecar). */
export const SHA256_METADATA_KEY = 'sha256';
