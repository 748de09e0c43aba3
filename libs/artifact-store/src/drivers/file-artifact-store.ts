import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { sweepFiles } from './sweep-files';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ArtifactRef, ArtifactStore, GetOptions, PutOptions } from '../artifact-store';
import { ArtifactNotFoundError, InvalidArtifactKeyError } from '../errors';
import { writeHashedFile } from '../hashing';
import { missingChecksumError, verifySha256 } from '../integrity';
import { assertValidKey, assertValidPrefix, isUri, RESERVED_SUFFIXES, SIDECAR_SUFFIX, TEMP_SUFFIX } from '../keys';

/** Root folder used when none is given, relative to the working directory. */
export const DEFAULT_FILE_ROOT = 'var/artifacts';

/** Contents of `<file>.artifact-meta.json`. */
interface Sidecar {
  sha256: string;
  size: number;
  contentType?: string;
  metadata?: Record<string, string>;
}

/**
 * Artifacts as files under a root folder, each with a JSON sidecar holding its sha256, size, content type and metadata.
 * Every file is written to a temp name, flushed and renamed, so no reader ever sees a partial file under a real name.
 */
export class FileArtifactStore implements ArtifactStore {
  /** Absolute root folder. */
  readonly root: string;

  constructor(root: string = DEFAULT_FILE_ROOT) {
    this.root = resolve(root);
  }

  uriFor(key: string): string {
    return pathToFileURL(this.pathOf(assertValidKey(key))).href;
  }

  async put(key: string, body: Buffer | Readable, opts: PutOptions = {}): Promise<ArtifactRef> {
    const path = this.pathOf(assertValidKey(key));
    const temp = tempPathFor(path);
    const collision = (err: unknown): never => {
      if (!hasCode(err, 'ENOTDIR', 'EEXIST', 'EISDIR')) throw err;
      throw new InvalidArtifactKeyError(key, 'collides with an existing artifact or folder (a file store cannot hold both "a" and "a/b")');
    };
    try {
      await mkdir(dirname(path), { recursive: true }).catch(collision);
      const digest = await writeHashedFile(temp, body);
      const sidecar: Sidecar = { ...digest, contentType: opts.contentType, metadata: opts.metadata };
      // Sidecar first: a crash in between leaves at worst a checksum that fails verification, never unchecked content.
      await writeFileAtomically(path + SIDECAR_SUFFIX, JSON.stringify(sidecar));
      await rename(temp, path).catch(collision);
      return { uri: this.uriFor(key), key, ...digest };
    } catch (err) {
      await removeIfPresent(temp);
      throw err;
    }
  }

  async get(uriOrKey: string, opts: GetOptions = {}): Promise<Buffer> {
    const key = this.keyOf(uriOrKey);
    const uri = this.uriFor(key);
    const data = await readFile(this.pathOf(key)).catch((err: unknown) => {
      throw isMissing(err) ? new ArtifactNotFoundError(uri) : err;
    });
    verifySha256(uri, data, (await this.readSidecar(key))?.sha256, opts.expectedSha256);
    return data;
  }

  async exists(uriOrKey: string): Promise<boolean> {
    const stats = await stat(this.pathOf(this.keyOf(uriOrKey))).catch((err: unknown) => {
      if (isMissing(err)) return undefined;
      throw err;
    });
    return stats?.isFile() ?? false;
  }

  async list(prefix: string): Promise<ArtifactRef[]> {
    const folder = assertValidPrefix(prefix).slice(0, prefix.lastIndexOf('/') + 1);
    const keys = (await this.keysUnder(folder)).filter((key) => key.startsWith(prefix)).sort();
    return Promise.all(
      keys.map(async (key) => {
        const uri = this.uriFor(key);
        const sidecar = await this.readSidecar(key);
        if (!sidecar) throw missingChecksumError(uri);
        return { uri, key, sha256: sidecar.sha256, size: sidecar.size };
      }),
    );
  }

  async delete(uriOrKey: string): Promise<void> {
    const path = this.pathOf(this.keyOf(uriOrKey));
    await removeIfPresent(path);
    await removeIfPresent(path + SIDECAR_SUFFIX);
  }

  async sweepTemporaries(olderThanMs: number): Promise<number> {
    return sweepFiles(this.root, (name, isDirectory) => !isDirectory && name.endsWith(TEMP_SUFFIX), olderThanMs, { recurse: true });
  }

  private pathOf(key: string): string {
    return join(this.root, key);
  }

  /** Accepts a key or a file:// URI under the root and returns the validated key. */
  private keyOf(uriOrKey: string): string {
    if (!isUri(uriOrKey)) return assertValidKey(uriOrKey);
    const rootUri = pathToFileURL(this.root).href;
    let path: string;
    try {
      path = fileURLToPath(uriOrKey);
    } catch {
      throw new InvalidArtifactKeyError(uriOrKey, `is not a URI of this store (${rootUri})`);
    }
    const rel = relative(this.root, path);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new InvalidArtifactKeyError(uriOrKey, `is outside this store's root (${rootUri})`);
    }
    return assertValidKey(rel.split(sep).join('/'));
  }

  /** Keys of all artifact files below `folder` ('' or ending in '/'), skipping sidecars and temp files. */
  private async keysUnder(folder: string): Promise<string[]> {
    const entries = await readdir(join(this.root, folder), { withFileTypes: true }).catch((err: unknown) => {
      if (isMissing(err)) return [];
      throw err;
    });
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) keys.push(...(await this.keysUnder(`${folder}${entry.name}/`)));
      else if (entry.isFile() && !RESERVED_SUFFIXES.some((suffix) => entry.name.endsWith(suffix))) keys.push(folder + entry.name);
    }
    return keys;
  }

  private async readSidecar(key: string): Promise<Sidecar | undefined> {
    const json = await readFile(this.pathOf(key) + SIDECAR_SUFFIX, 'utf8').catch((err: unknown) => {
      if (isMissing(err)) return undefined;
      throw err;
    });
    return json === undefined ? undefined : (JSON.parse(json) as Sidecar);
  }
}

function tempPathFor(path: string): string {
  return `${path}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

async function writeFileAtomically(path: string, data: string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data, { flag: 'wx', flush: true });
    await rename(temp, path);
  } catch (err) {
    await removeIfPresent(temp);
    throw err;
  }
}

async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((err: unknown) => {
    if (!isMissing(err)) throw err;
  });
}

function hasCode(err: unknown, ...codes: string[]): boolean {
  return codes.includes((err as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/** The path (or one of its parents) is absent or is not a file. */
function isMissing(err: unknown): boolean {
  return hasCode(err, 'ENOENT', 'ENOTDIR', 'EISDIR');
}
