import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ArtifactStore } from './artifact-store';
import { createArtifactStore } from './create-artifact-store';
import { ArtifactIntegrityError, ArtifactNotFoundError, InvalidArtifactKeyError } from './errors';
import { gunzipJson, gzipJson } from './gzip-json';
import { FakeGcsServer } from './testing';

/** A driver under test: its store, a way to alter an artifact's bytes behind the store's back, and cleanup. */
interface Harness {
  store: ArtifactStore;
  tamper(key: string, data: Buffer): Promise<void>;
  close(): Promise<void>;
}

async function fileDriver(): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'artifact-contract-'));
  return {
    store: createArtifactStore(root),
    tamper: (key, data) => writeFile(join(root, key), data),
    close: () => rm(root, { recursive: true, force: true }),
  };
}

async function gcsDriverAgainstFakeServer(): Promise<Harness> {
  const server = await FakeGcsServer.start();
  server.createBucket('propcast-test');
  return {
    store: createArtifactStore('gs://propcast-test/artifacts', { GCS_API_ENDPOINT: server.endpoint, GOOGLE_CLOUD_PROJECT: 'propcast-test' }),
    tamper: async (key, data) => server.replaceData('propcast-test', `artifacts/${key}`, data),
    close: () => server.close(),
  };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe.each([
  ['file', fileDriver],
  ['gcs (fake server)', gcsDriverAgainstFakeServer],
])('ArtifactStore contract: %s driver', (_driver, open) => {
  let harness: Harness;
  let store: ArtifactStore;

  beforeEach(async () => {
    harness = await open();
    store = harness.store;
  });

  afterEach(() => harness.close());

  it('round-trips bytes and reports the same sha256 and size as node:crypto', async () => {
    const body = Buffer.from('{"gameId":"0022300001","pts":31}');
    const ref = await store.put('boxscores/2024-01-01/game.json', body, { contentType: 'application/json', metadata: { source: 'nba' } });

    expect(ref).toEqual({ uri: store.uriFor('boxscores/2024-01-01/game.json'), key: 'boxscores/2024-01-01/game.json', sha256: sha256(body), size: body.length });
    expect(await store.get('boxscores/2024-01-01/game.json')).toEqual(body);
    expect(await store.get(ref.uri)).toEqual(body);
  });

  it('round-trips empty and binary content', async () => {
    const binary = Buffer.from([0, 255, 13, 10, 45, 45, 0x1f, 0x8b]);
    await store.put('empty.bin', Buffer.alloc(0));
    await store.put('binary.bin', binary);

    expect(await store.get('empty.bin')).toEqual(Buffer.alloc(0));
    expect(await store.get('binary.bin')).toEqual(binary);
  });

  it('replaces an artifact on a second put', async () => {
    await store.put('models/latest.json', Buffer.from('v1'));
    const ref = await store.put('models/latest.json', Buffer.from('version 2'));

    expect(await store.get('models/latest.json')).toEqual(Buffer.from('version 2'));
    expect(ref.sha256).toBe(sha256(Buffer.from('version 2')));
  });

  it('streams a multi-megabyte Readable, hashing it on the way', async () => {
    const chunks = Array.from({ length: 48 }, (_, i) => Buffer.alloc(64 * 1024, i)); // 3 MiB
    const whole = Buffer.concat(chunks);

    const ref = await store.put('features/big.bin', Readable.from(chunks));

    expect(ref).toMatchObject({ sha256: sha256(whole), size: whole.length });
    expect((await store.get('features/big.bin')).equals(whole)).toBe(true);
  });

  it('tells whether an artifact exists, and deletes it idempotently', async () => {
    const ref = await store.put('raw/nba/a.json', Buffer.from('a'));

    expect(await store.exists('raw/nba/a.json')).toBe(true);
    expect(await store.exists(ref.uri)).toBe(true);
    expect(await store.exists('raw/nba/b.json')).toBe(false);
    expect(await store.exists('raw/nba')).toBe(false);

    await store.delete(ref.uri);
    await store.delete('raw/nba/a.json');

    expect(await store.exists('raw/nba/a.json')).toBe(false);
    await expect(store.get('raw/nba/a.json')).rejects.toBeInstanceOf(ArtifactNotFoundError);
  });

  it('throws ArtifactNotFoundError naming the uri for a missing artifact', async () => {
    await expect(store.get('raw/missing.json')).rejects.toThrow(new ArtifactNotFoundError(store.uriFor('raw/missing.json')));
  });

  it('lists recursively by plain string prefix, sorted by key', async () => {
    const keys = ['raw/nba/2024-01-02/b.json.gz', 'raw/nba/2024-01-01/a.json.gz', 'raw/nba/2024-02-01/c.json.gz', 'raw/wnba/2024-01-01/d.json.gz', 'models/m.onnx'];
    for (const key of keys) await store.put(key, Buffer.from(key));

    const january = await store.list('raw/nba/2024-01');

    expect(january).toEqual(['raw/nba/2024-01-01/a.json.gz', 'raw/nba/2024-01-02/b.json.gz'].map((key) => ({ uri: store.uriFor(key), key, sha256: sha256(Buffer.from(key)), size: key.length })));
    expect((await store.list('raw/')).map((ref) => ref.key)).toEqual([...keys.slice(0, 4)].sort());
    expect((await store.list('')).map((ref) => ref.key)).toEqual([...keys].sort());
    expect(await store.list('raw/nfl/')).toEqual([]);
  });

  it('throws ArtifactIntegrityError when the stored bytes were changed behind its back', async () => {
    const original = Buffer.from('{"pts":31}');
    const forged = Buffer.from('{"pts":13}');
    const ref = await store.put('raw/nba/game.json', original);
    await harness.tamper('raw/nba/game.json', forged);

    const error = await store.get('raw/nba/game.json').catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ArtifactIntegrityError);
    expect(error).toMatchObject({ uri: ref.uri, expected: sha256(original), actual: sha256(forged) });
    expect((error as Error).message).toContain(ref.uri);
  });

  it('checks expectedSha256 on top of the stored checksum', async () => {
    const body = Buffer.from('model weights');
    const ref = await store.put('models/m.bin', body);
    const wrong = sha256(Buffer.from('other'));

    await expect(store.get('models/m.bin', { expectedSha256: ref.sha256.toUpperCase() })).resolves.toEqual(body);
    await expect(store.get('models/m.bin', { expectedSha256: wrong })).rejects.toMatchObject({
      name: 'ArtifactIntegrityError',
      uri: ref.uri,
      expected: wrong,
      actual: ref.sha256,
    });
  });

  it('rejects keys that are not portable relative paths', async () => {
    for (const key of ['../escape.json', 'raw/../../escape.json', '/etc/passwd', 'raw//double.json', 'raw/./dot.json', 'raw/', '', 'raw\\win.json']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidArtifactKeyError);
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidArtifactKeyError);
      expect(() => store.uriFor(key)).toThrow(InvalidArtifactKeyError);
    }
    await expect(store.list('../')).rejects.toBeInstanceOf(InvalidArtifactKeyError);
  });

  it('rejects URIs outside its root', async () => {
    for (const uri of ['gs://elsewhere/artifacts/a.json', 'file:///etc/passwd', 's3://bucket/a.json']) {
      await expect(store.get(uri)).rejects.toBeInstanceOf(InvalidArtifactKeyError);
      await expect(store.delete(uri)).rejects.toBeInstanceOf(InvalidArtifactKeyError);
    }
  });

  it('stores gzipped JSON batches that read back with gunzipJson', async () => {
    const batch = { source: 'nba', games: [{ id: '0022300001', players: [{ id: 201939, pts: 31 }] }] };
    await store.put('raw/nba/2024-01-01/batch-0001.json.gz', gzipJson(batch), { contentType: 'application/gzip' });

    expect(gunzipJson(await store.get('raw/nba/2024-01-01/batch-0001.json.gz'))).toEqual(batch);
  });
});
