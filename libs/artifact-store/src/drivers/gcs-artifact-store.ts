import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { File, Storage } from '@google-cloud/storage';
import { type ArtifactRef, type ArtifactStore, type GetOptions, type PutOptions, SHA256_METADATA_KEY } from '../artifact-store';
import { ArtifactIntegrityError, ArtifactNotFoundError, InvalidArtifactKeyError } from '../errors';
import { type ContentDigest, sha256Hex, writeHashedFile } from '../hashing';
import { missingChecksumError, verifySha256 } from '../integrity';
import { assertValidKey, assertValidPrefix, isUri } from '../keys';
import { sweepFiles } from './sweep-files';

/** Local folder name prefix of a streamed upload's spool (its sha256 must be known before the object is created). */
const SPOOL_PREFIX = 'artifact-put-';

/** Uploads up to this size go in one multipart request; larger ones use a resumable session, per Google's guidance. */
export const RESUMABLE_THRESHOLD_BYTES = 8 * 1024 * 1024;

/**
 * Artifacts as objects of a GCS bucket under an optional name prefix, with the sha256 in each object's custom metadata.
 * The client library's own crc32c check stays on for every transfer; sha256 is verified on top of it.
 */
export class GcsArtifactStore implements ArtifactStore {
  /** Object-name prefix of every artifact: '' or ending in '/'. */
  private readonly prefix: string;

  constructor(
    private readonly storage: Storage,
    private readonly bucketName: string,
    prefix = '',
  ) {
    const trimmed = prefix.replace(/\/+$/, '');
    this.prefix = trimmed === '' ? '' : `${assertValidKey(trimmed)}/`;
  }

  uriFor(key: string): string {
    return this.uriOfObject(this.prefix + assertValidKey(key));
  }

  async put(key: string, body: Buffer | Readable, opts: PutOptions = {}): Promise<ArtifactRef> {
    assertValidKey(key);
    if (Buffer.isBuffer(body)) return this.upload(key, body, { sha256: sha256Hex(body), size: body.length }, opts);
    // The sha256 has to be in the metadata the object is created with, so a stream is hashed while spooling to local disk.
    const spool = await mkdtemp(join(tmpdir(), SPOOL_PREFIX));
    try {
      const digest = await writeHashedFile(join(spool, 'body'), body);
      return await this.upload(key, createReadStream(join(spool, 'body')), digest, opts);
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  }

  /** Spool folders of uploads killed midway (the objects themselves are written whole or not at all). */
  async sweepTemporaries(olderThanMs: number): Promise<number> {
    return sweepFiles(tmpdir(), (name, isDirectory) => isDirectory && name.startsWith(SPOOL_PREFIX), olderThanMs);
  }

  async get(uriOrKey: string, opts: GetOptions = {}): Promise<Buffer> {
    const key = this.keyOf(uriOrKey);
    const uri = this.uriFor(key);
    const [metadata] = await this.objectOf(key).getMetadata().catch(notFoundAs(uri));
    // Download exactly the generation whose checksum was just read, so a concurrent overwrite cannot mix the two.
    const [data] = await this.objectOf(key, metadata.generation)
      .download()
      .catch((err: unknown) => {
        if ((err as { code?: unknown }).code === 'CONTENT_DOWNLOAD_MISMATCH') {
          throw new ArtifactIntegrityError(uri, `crc32c ${metadata.crc32c}`, 'a different crc32c', "the downloaded bytes failed the client's crc32c check");
        }
        return notFoundAs(uri)(err);
      });
    verifySha256(uri, data, storedSha256(metadata.metadata), opts.expectedSha256);
    return data;
  }

  async exists(uriOrKey: string): Promise<boolean> {
    const [exists] = await this.objectOf(this.keyOf(uriOrKey)).exists();
    return exists;
  }

  async list(prefix: string): Promise<ArtifactRef[]> {
    const [files] = await this.storage.bucket(this.bucketName).getFiles({ prefix: this.prefix + assertValidPrefix(prefix) });
    return files.map((file) => {
      const uri = this.uriOfObject(file.name);
      const sha256 = storedSha256(file.metadata.metadata);
      if (sha256 === undefined) throw missingChecksumError(uri);
      return { uri, key: file.name.slice(this.prefix.length), sha256, size: Number(file.metadata.size) };
    });
  }

  async delete(uriOrKey: string): Promise<void> {
    await this.objectOf(this.keyOf(uriOrKey)).delete({ ignoreNotFound: true });
  }

  private async upload(key: string, data: Buffer | Readable, digest: ContentDigest, opts: PutOptions): Promise<ArtifactRef> {
    await this.objectOf(key).save(data, {
      resumable: digest.size > RESUMABLE_THRESHOLD_BYTES,
      metadata: { contentType: opts.contentType, metadata: { ...opts.metadata, [SHA256_METADATA_KEY]: digest.sha256 } },
    });
    return { uri: this.uriFor(key), key, ...digest };
  }

  private objectOf(key: string, generation?: string | number): File {
    return this.storage.bucket(this.bucketName).file(this.prefix + key, { generation });
  }

  private uriOfObject(name: string): string {
    return `gs://${this.bucketName}/${name}`;
  }

  /** Accepts a key or a gs:// URI under the root and returns the validated key. */
  private keyOf(uriOrKey: string): string {
    if (!isUri(uriOrKey)) return assertValidKey(uriOrKey);
    const root = this.uriOfObject(this.prefix);
    if (!uriOrKey.startsWith(root)) throw new InvalidArtifactKeyError(uriOrKey, `is outside this store's root (${root})`);
    return assertValidKey(uriOrKey.slice(root.length));
  }
}

function storedSha256(custom: Record<string, unknown> | undefined): string | undefined {
  const sha256 = custom?.[SHA256_METADATA_KEY];
  return typeof sha256 === 'string' ? sha256 : undefined;
}

/** A rejection handler that turns the API's 404 into ArtifactNotFoundError and rethrows anything else. */
function notFoundAs(uri: string): (err: unknown) => never {
  return (err) => {
    throw (err as { code?: unknown }).code === 404 ? new ArtifactNotFoundError(uri) : err;
  };
}
