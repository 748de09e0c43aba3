import { Storage } from '@google-cloud/storage';
import { crc32c, crc32cBase64 } from './crc32c';
import { FakeGcsServer } from './fake-gcs-server';
import { parseMultipartRelated } from './multipart-related';

describe('crc32c', () => {
  it('matches the standard CRC-32C check values', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa); // RFC 3720 B.4
  });

  it('is reported the way GCS reports it: base64 of the big-endian bytes', () => {
    expect(crc32cBase64(Buffer.from('123456789'))).toBe(Buffer.from([0xe3, 0x06, 0x92, 0x83]).toString('base64'));
  });
});

describe('parseMultipartRelated', () => {
  it('splits parts binary-safely, even when the body holds CRLFs and dashes', () => {
    const media = Buffer.from([0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x0d, 0x0a]);
    const body = Buffer.concat([
      Buffer.from('--b0undary\r\nContent-Type: application/json\r\n\r\n{"name":"x"}\r\n--b0undary\r\nContent-Type: application/octet-stream\r\n\r\n'),
      media,
      Buffer.from('\r\n--b0undary--'),
    ]);

    expect(parseMultipartRelated(body, 'multipart/related; boundary="b0undary"')).toEqual([
      { headers: { 'content-type': 'application/json' }, body: Buffer.from('{"name":"x"}') },
      { headers: { 'content-type': 'application/octet-stream' }, body: media },
    ]);
  });

  it('throws on a wrong content type or an unterminated body', () => {
    expect(() => parseMultipartRelated(Buffer.from('x'), 'application/json')).toThrow(/multipart\/related/);
    expect(() => parseMultipartRelated(Buffer.from('--b\r\n\r\nno end'), 'multipart/related; boundary=b')).toThrow(/closing delimiter/);
  });
});

describe('FakeGcsServer with the real @google-cloud/storage client', () => {
  let server: FakeGcsServer;
  let storage: Storage;

  beforeEach(async () => {
    server = await FakeGcsServer.start();
    server.createBucket('bkt');
    storage = new Storage({ apiEndpoint: server.endpoint, projectId: 'test' });
  });

  afterEach(() => server.close());

  it('accepts a multi-chunk resumable upload', async () => {
    const body = Buffer.alloc(700 * 1024, 3);

    await storage
      .bucket('bkt')
      .file('chunked.bin')
      .save(body, { resumable: true, chunkSize: 256 * 1024 });

    expect(server.getObject('bkt', 'chunked.bin')?.data.equals(body)).toBe(true);
    expect(server.requests.filter((r) => r.startsWith('PUT '))).toHaveLength(3);
  });

  it('rejects an upload whose claimed md5 does not match its bytes, as GCS does', async () => {
    const upload = storage
      .bucket('bkt')
      .file('x')
      .save('content', { resumable: false, validation: false, metadata: { md5Hash: 'AAAAAAAAAAAAAAAAAAAAAA==' } });

    await expect(upload).rejects.toMatchObject({ code: 400, message: expect.stringContaining("doesn't match") });
    expect(server.getObject('bkt', 'x')).toBeUndefined();
  });

  it('answers 404 for an unknown bucket and for a superseded generation', async () => {
    await expect(storage.bucket('nope').file('x').getMetadata()).rejects.toMatchObject({ code: 404, message: 'The specified bucket does not exist.' });

    await storage.bucket('bkt').file('x').save('v1', { resumable: false });
    const { generation } = server.getObject('bkt', 'x')!;
    await storage.bucket('bkt').file('x').save('v2', { resumable: false });

    await expect(storage.bucket('bkt').file('x', { generation }).download()).rejects.toMatchObject({ code: 404 });
    expect((await storage.bucket('bkt').file('x').download())[0].toString()).toBe('v2');
  });

  it('answers 501 to what it does not implement instead of guessing', async () => {
    await expect(storage.bucket('bkt').getFiles({ delimiter: '/' })).rejects.toMatchObject({ code: 501, message: expect.stringContaining('delimiter') });
  });
});
