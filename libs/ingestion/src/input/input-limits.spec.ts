import { gzipSync } from 'node:zlib';
import { checkInflatedSize, InputTooLargeError, LineLengthGuard } from './input-limits';

describe('checkInflatedSize', () => {
  it('returns the inflated size of a gzip input within the limit, and the size of a plain one', async () => {
    await expect(checkInflatedSize(gzipSync(Buffer.alloc(5000)), 5000)).resolves.toBe(5000);
    await expect(checkInflatedSize(Buffer.from('a,b\n1,2\n'), 100)).resolves.toBe(8);
  });

  it('refuses an input that inflates past the limit', async () => {
    const err = await checkInflatedSize(gzipSync(Buffer.alloc(5001)), 5000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputTooLargeError);
    expect(err).toMatchObject({ limit: 'INGEST_MAX_INFLATED_BYTES', row: 0 });
    await expect(checkInflatedSize(Buffer.alloc(101, 'a'), 100)).rejects.toThrow(/more than 100 bytes/);
  });

  it('leaves a corrupt gzip to the parser (it is reported with the batch)', async () => {
    const corrupt = gzipSync(Buffer.alloc(1000, 'a')).subarray(0, 12);
    await expect(checkInflatedSize(corrupt, 5000)).resolves.toBeGreaterThanOrEqual(0);
  });
});

describe('LineLengthGuard', () => {
  it('accepts lines up to the limit across chunk boundaries', () => {
    const guard = new LineLengthGuard(5);
    expect(() => ['ab', 'cde\n12', '345\n', '12345'].forEach((t) => guard.feed(t))).not.toThrow();
  });

  it('names the first line past the limit, whether it ends in a chunk or spans several', () => {
    const inChunk = new LineLengthGuard(5);
    expect(() => inChunk.feed('ok\n123456\n')).toThrow(new InputTooLargeError('line 2 is longer than 5 characters (INGEST_MAX_LINE_CHARS)', 'INGEST_MAX_LINE_CHARS', 2));
    const spanning = new LineLengthGuard(5);
    spanning.feed('a\nb\n123');
    let err: unknown;
    try {
      spanning.feed('456');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ row: 3, limit: 'INGEST_MAX_LINE_CHARS' });
  });
});
