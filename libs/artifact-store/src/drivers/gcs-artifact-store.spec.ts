import { Readable } from 'node:stream';
import { Storage } from '@google-cloud/storage';
import { ArtifactIntegrityError } from '../errors';
import { sha256Hex } from '../hashing';
import { FakeGcsServer } from '../testing';
import { GcsArtifactStore, RESUMABLE_THRESHOLD_BYTES } from './gcs-artifact-store';

describe('GcsArtifactStore against the fake GCS server', () => {
  const bucket = 'propcast-test';
  let server: FakeGcsServer;
  let storage: Storage;
  let store: GcsArtifactStore;

  beforeEach(async () => {
    server = await FakeGcsServer.start({ maxPageSize: 2 });
    server.createBucket(bucket);
    storage = new Storage({ apiEndpoint: server.endpoint, projectId: 'propcast-test' });
    store = new GcsArtifactStore(storage, bucket, 'artifacts/');
  });

  afterEach(() => server.close());

  const uploadTypes = () => server.requests.filter((r) => r.startsWith('POST /upload/')).map((r) => new URL(r.split(' ')[1], server.endpoint).searchParams.get('uploadType'));

  it('creates the object with its sha256, caller metadata and content type in one multipart request', async () => {
    const body = Buffer.from('{"pts":31}');
    const ref = await store.put('raw/nba/game.json', body, { contentType: 'application/json', metadata: { source: 'nba', sha256: 'caller value loses' } });

    expect(ref.uri).toBe('gs://propcast-test/artifacts/raw/nba/game.json');
    expect(server.getObject(bucket, 'artifacts/raw/nba/game.json')).toMatchObject({
      data: body,
      contentType: 'application/json',
      metadata: { source: 'nba', sha256: sha256Hex(body) },
    });
    expect(uploadTypes()).toEqual(['multipart']);
  });

  it('uploads content larger than the threshold through a resumable session', async () => {
    const body = Buffer.alloc(RESUMABLE_THRESHOLD_BYTES + 1, 7);

    const ref = await store.put('models/big.bin', Readable.from([body.subarray(0, 1 << 20), body.subarray(1 << 20)]));

    expect(uploadTypes()).toEqual(['resumable']);
    expect(ref).toMatchObject({ sha256: sha256Hex(body), size: body.length });
    expect((await store.get('models/big.bin')).equals(body)).toBe(true);
  });

  it('keeps the client crc32c check live: bytes corrupted under unchanged checksums fail the download', async () => {
    const ref = await store.put('raw/nba/game.json', Buffer.from('{"pts":31}'));
    server.corruptData(bucket, 'artifacts/raw/nba/game.json', Buffer.from('{"pts":13}'));

    await expect(store.get('raw/nba/game.json')).rejects.toMatchObject({ name: 'ArtifactIntegrityError', uri: ref.uri, message: expect.stringContaining('crc32c') });
  });

  it('refuses an object that carries no sha256', async () => {
    await storage.bucket(bucket).file('artifacts/raw/foreign.json').save('written by another tool', { resumable: false });

    await expect(store.get('raw/foreign.json')).rejects.toBeInstanceOf(ArtifactIntegrityError);
    await expect(store.list('raw/')).rejects.toBeInstanceOf(ArtifactIntegrityError);
  });

  it('follows list pagination and stays inside its prefix', async () => {
    const keys = ['raw/a', 'raw/b', 'raw/c', 'raw/d', 'raw/e'];
    for (const key of keys) await store.put(key, Buffer.from(key));
    await new GcsArtifactStore(storage, bucket, 'artifacts-old').put('raw/z', Buffer.from('elsewhere'));

    expect((await store.list('')).map((ref) => ref.key)).toEqual(keys);
    expect(server.requests.filter((r) => r.startsWith('GET /storage/v1/b/propcast-test/o?'))).toHaveLength(3);
  });

  it('downloads exactly the generation whose sha256 it read', async () => {
    await store.put('models/m.bin', Buffer.from('v1'));
    const { generation } = server.getObject(bucket, 'artifacts/models/m.bin')!;

    await store.get('models/m.bin');

    expect(server.requests.filter((r) => r.includes('alt=media'))).toEqual([expect.stringContaining(`generation=${generation}`)]);
  });

  it('works at the bucket root without a prefix', async () => {
    const root = new GcsArtifactStore(storage, bucket);
    const ref = await root.put('top.json', Buffer.from('{}'));

    expect(ref.uri).toBe('gs://propcast-test/top.json');
    expect(await root.get('gs://propcast-test/top.json')).toEqual(Buffer.from('{}'));
  });
});
