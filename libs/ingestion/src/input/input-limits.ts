import { createGunzip } from 'node:zlib';
import { isGzip } from './raw-input';

/** How much an import may expand to (a gzip bomb, 1.5 MB inflating to 1.5 GB, must be refused, not parsed), and what of a rejected one is kept. */
export interface InputLimits {
  /** Largest decompressed size of an input (bytes; a plain input is its own size). */
  maxInflatedBytes: number;
  /** Longest CSV or NDJSON line (characters). JSON documents are bounded by `maxInflatedBytes` only. */
  maxLineChars: number;
  /** Largest rejected input whose raw bytes are kept for diagnosis (bytes as received); a larger one is only described. */
  maxRejectedRawBytes: number;
}

/** 256 MiB inflated (the largest real file, nine seasons of box scores, is 73 MB), 1 MiB per line (real lines are < 10 KB), 8 MiB of a rejected input kept. */
export const DEFAULT_INPUT_LIMITS: InputLimits = Object.freeze({ maxInflatedBytes: 256 * 1024 * 1024, maxLineChars: 1024 * 1024, maxRejectedRawBytes: 8 * 1024 * 1024 });

/** The input is larger than a limit allows: nothing was parsed or written (HTTP 413). */
export class InputTooLargeError extends Error {
  override readonly name = 'InputTooLargeError';
  constructor(
    message: string,
    /** Which limit: the setting an operator can raise. */
    readonly limit: 'INGEST_MAX_INFLATED_BYTES' | 'INGEST_MAX_LINE_CHARS',
    /** 1-based line of the input that broke the line limit (0 for the size limit). */
    readonly row = 0,
  ) {
    super(message);
  }
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Inflates a gzip input once without keeping anything (memory: one chunk), stopping at the limit: the bomb is refused
 * in a fraction of a second, before any row is parsed or any connection taken. Returns the inflated size.
 */
export async function checkInflatedSize(bytes: Buffer, maxInflatedBytes: number): Promise<number> {
  const tooLarge = (): InputTooLargeError =>
    new InputTooLargeError(`the input inflates to more than ${maxInflatedBytes} bytes (INGEST_MAX_INFLATED_BYTES); ${bytes.length} bytes were sent`, 'INGEST_MAX_INFLATED_BYTES');
  if (!isGzip(bytes)) {
    if (bytes.length > maxInflatedBytes) throw tooLarge();
    return bytes.length;
  }
  return new Promise<number>((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    let size = 0;
    let refused = false;
    gunzip.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxInflatedBytes && !refused) {
        refused = true;
        gunzip.destroy();
        reject(tooLarge());
      }
    });
    gunzip.on('end', () => resolve(size));
    // A corrupt gzip is left to the parser, which reports it as unreadable input with the batch (422).
    gunzip.on('error', () => resolve(size));
    gunzip.end(bytes);
  });
}

/** Watches text as it streams and throws when a line grows past the limit (before the parser buffers it whole). */
export class LineLengthGuard {
  private run = 0;
  private line = 1;

  constructor(private readonly maxLineChars: number) {}

  /** Accounts for the next piece of text. */
  feed(text: string): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.check(this.run + nl - start);
      this.run = 0;
      this.line++;
      start = nl + 1;
    }
    this.run += text.length - start;
    this.check(this.run);
  }

  private check(length: number): void {
    if (length > this.maxLineChars) {
      throw new InputTooLargeError(`line ${this.line} is longer than ${this.maxLineChars} characters (INGEST_MAX_LINE_CHARS)`, 'INGEST_MAX_LINE_CHARS', this.line);
    }
  }
}
