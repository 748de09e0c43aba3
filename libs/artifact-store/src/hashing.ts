import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a write produced: the content's sha256 (hex) and size in bytes. */
export interface ContentDigest {
  sha256: string;
  size: number;
}

/** Returns the hex sha256 of `data`. */
export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streams `body` into a new file at `path` (failing if it exists), hashing on the way, and flushes it to disk before resolving. */
export async function writeHashedFile(path: string, body: Buffer | Readable): Promise<ContentDigest> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    Buffer.isBuffer(body) ? Readable.from([body]) : body,
    async function* digest(chunks: AsyncIterable<Buffer | string>) {
      for await (const chunk of chunks) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        hash.update(bytes);
        size += bytes.length;
        yield bytes;
      }
    },
    createWriteStream(path, { flags: 'wx', flush: true }),
  );
  return { sha256: hash.digest('hex'), size };
}
