import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { ArtifactIntegrityError, InvalidArtifactKeyError } from '../errors';
import { sha256Hex } from '../hashing';
import { DEFAULT_FILE_ROOT, FileArtifactStore } from './file-artifact-store';

describe('FileArtifactStore', () => {
  let parent: string;
  let root: string;
  let store: FileArtifactStore;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'artifact-file-'));
    root = join(parent, 'artifacts');
    store = new FileArtifactStore(root);
  });

  afterEach(() => rm(parent, { recursive: true, force: true }));

  /** Every file name under `dir`, recursively, relative to it. */
  async function filesUnder(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  }

  it('defaults its root to ./var/artifacts and names artifacts with file:// URIs', () => {
    expect(new FileArtifactStore().root).toBe(resolve(DEFAULT_FILE_ROOT));
    expect(store.uriFor('raw/nba/a b.json')).toBe(pathToFileURL(join(root, 'raw/nba/a b.json')).href);
  });

  it('writes the content and a JSON sidecar with sha256, size, content type and metadata, and no temp file', async () => {
    const body = Buffer.from('{"pts":31}');
    await store.put('raw/nba/game.json', body, { contentType: 'application/json', metadata: { source: 'nba' } });

    expect(await filesUnder(root)).toEqual(['raw/nba/game.json', 'raw/nba/game.json.artifact-meta.json']);
    expect(await readFile(join(root, 'raw/nba/game.json'))).toEqual(body);
    expect(JSON.parse(await readFile(join(root, 'raw/nba/game.json.artifact-meta.json'), 'utf8'))).toEqual({
      sha256: sha256Hex(body),
      size: body.length,
      contentType: 'application/json',
      metadata: { source: 'nba' },
    });
  });

  it('leaves the previous artifact intact and no temp file when a streaming put fails midway', async () => {
    await store.put('models/m.bin', Buffer.from('v1'));
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
        this.destroy(new Error('upstream went away'));
      },
    });

    await expect(store.put('models/m.bin', failing)).rejects.toThrow('upstream went away');

    expect(await store.get('models/m.bin')).toEqual(Buffer.from('v1'));
    expect(await filesUnder(root)).toEqual(['models/m.bin', 'models/m.bin.artifact-meta.json']);
  });

  it('hides sidecars and leftover temp files from list and refuses keys that name them', async () => {
    await store.put('raw/a.json', Buffer.from('a'));
    await writeFile(join(root, 'raw/b.json.1a2b3c.artifact-tmp'), 'half a file from a crashed writer');

    expect((await store.list('raw/')).map((ref) => ref.key)).toEqual(['raw/a.json']);
    await expect(store.exists('raw/a.json.artifact-meta.json')).rejects.toThrow(InvalidArtifactKeyError);
  });

  it('treats a file without a sidecar as unverifiable', async () => {
    await mkdir(join(root, 'raw'), { recursive: true });
    await writeFile(join(root, 'raw/copied-in.json'), 'no checksum');

    await expect(store.get('raw/copied-in.json')).rejects.toBeInstanceOf(ArtifactIntegrityError);
    await expect(store.list('raw/')).rejects.toBeInstanceOf(ArtifactIntegrityError);
  });

  it('rejects keys and URIs that would leave the root, writing nothing outside it', async () => {
    for (const key of ['../outside.json', 'raw/../../outside.json', '/tmp/outside.json']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(InvalidArtifactKeyError);
    }
    await expect(store.get(pathToFileURL(join(parent, 'outside.json')).href)).rejects.toThrow(/outside this store's root/);
    await expect(store.get(`${pathToFileURL(root).href}/../outside.json`)).rejects.toThrow(InvalidArtifactKeyError);

    expect(await readdir(parent)).toEqual([]);
  });

  it('rejects keys using the suffixes it reserves for its own files', async () => {
    await expect(store.put('raw/a.json.artifact-meta.json', Buffer.from('{}'))).rejects.toThrow(/reserves/);
    await expect(store.put('raw/x.artifact-tmp/a.json', Buffer.from('{}'))).rejects.toThrow(/reserves/);
  });

  it('explains that a key cannot be both an artifact and a folder', async () => {
    await store.put('raw/nba', Buffer.from('file'));
    await store.put('models/v1/m.bin', Buffer.from('nested'));

    await expect(store.put('raw/nba/a.json', Buffer.from('x'))).rejects.toThrow(InvalidArtifactKeyError);
    await expect(store.put('models/v1', Buffer.from('x'))).rejects.toThrow(/cannot hold both/);
    expect(await store.get('models/v1/m.bin')).toEqual(Buffer.from('nested'));
    expect(await filesUnder(root)).not.toContainEqual(expect.stringMatching(/artifact-tmp$/));
  });
});
