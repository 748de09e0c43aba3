import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** The bytes of one batch exactly as received, with what is known about them. */
export interface RawInput {
  bytes: Buffer;
  /** Original file name: its extension (.csv, .json, .ndjson, .gz) helps detect the format. */
  fileName?: string;
  /** HTTP Content-Type, when the input came over HTTP. */
  contentType?: string;
}

/** How records are laid out in the input. */
export type Container = 'csv' | 'json' | 'ndjson';

const SLICE_BYTES = 256 * 1024;

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Hex sha256 of the input bytes (the batch's identity for duplicate detection). */
export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Decoded UTF-8 text of the input in chunks (gunzipped on the fly), with how much of the input has been consumed. */
export class TextStream {
  private consumed = 0;

  constructor(private readonly bytes: Buffer) {}

  /** Fraction (0..1) of the raw bytes consumed so far. */
  get progress(): number {
    return this.bytes.length === 0 ? 1 : Math.min(1, this.consumed / this.bytes.length);
  }

  /** Yields the text; throws when gzip data is corrupt. */
  async *chunks(): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    if (isGzip(this.bytes)) {
      const slices = Readable.from(this.slices(), { highWaterMark: 1 });
      const gunzip = createGunzip({ chunkSize: SLICE_BYTES });
      slices.on('error', (err) => gunzip.destroy(err));
      for await (const chunk of slices.pipe(gunzip)) {
        const text = decoder.write(chunk as Buffer);
        if (text) yield text;
      }
    } else {
      for (const slice of this.slices()) {
        const text = decoder.write(slice);
        if (text) yield text;
      }
    }
    const tail = decoder.end();
    if (tail) yield tail;
  }

  private *slices(): Generator<Buffer> {
    for (let i = 0; i < this.bytes.length; i += SLICE_BYTES) {
      const slice = this.bytes.subarray(i, i + SLICE_BYTES);
      this.consumed = i + slice.length;
      yield slice;
    }
  }
}

/** Container named by the file extension (ignoring .gz) or the content type; undefined when neither says. */
export function containerFromName(fileName?: string, contentType?: string): Container | undefined {
  const name = (fileName ?? '').toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|txt)$/.test(name)) return 'csv';
  if (/\.(ndjson|jsonl)$/.test(name)) return 'ndjson';
  if (/\.json$/.test(name)) return 'json';
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('ndjson') || type.includes('jsonl')) return 'ndjson';
  if (type.includes('json')) return 'json';
  if (type.includes('csv')) return 'csv';
  return undefined;
}

/** Container guessed from the first characters of the text: `[` JSON, `{` JSON or NDJSON (one object per line), otherwise CSV. */
export function sniffContainer(head: string): Container {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (!text.startsWith('{')) return 'csv';
  const firstLine = text.split('\n', 1)[0].trim();
  try {
    JSON.parse(firstLine);
    return text.length > firstLine.length && /\n\s*\{/.test(text) ? 'ndjson' : 'json';
  } catch {
    return 'json';
  }
}
