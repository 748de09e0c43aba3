import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const TAB = 9;
const NEWLINE = 10;
const NULL_BYTES = [92, 78];
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Writes rows in COPY text format straight into a Buffer (no per-row strings, no UTF-8 pass): numbers, booleans and
 * ASCII text that cannot hold tabs, newlines or backslashes (ids, dates, timestamps), which is all box scores need.
 */
export class CopyTextEncoder {
  private buf: Buffer;
  private pos = 0;
  private first = true;

  constructor(private readonly chunkBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this.pos;
  }

  /** A whole number (digit by digit, no string), another number (as JavaScript prints it), or NULL. */
  number(v: number | null): this {
    this.separator();
    if (v === null) return this.bytes(NULL_BYTES);
    this.room(11);
    // Most box-score values are 0-99: one or two digits without the general loop.
    if (v >= 0 && v < 100 && (v | 0) === v) {
      if (v >= 10) this.buf[this.pos++] = 48 + ((v / 10) | 0);
      this.buf[this.pos++] = 48 + (v % 10);
      return this;
    }
    if (!Number.isInteger(v) || Math.abs(v) > 0x7fffffff) return this.ascii(String(v));
    let n = v;
    if (n < 0) {
      this.buf[this.pos++] = 45;
      n = -n;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = (t / 10) | 0) digits++;
    let p = (this.pos += digits);
    do {
      this.buf[--p] = 48 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
    return this;
  }

  /** t, f or NULL. */
  boolean(v: boolean | null): this {
    this.separator();
    if (v === null) return this.bytes(NULL_BYTES);
    this.room(1);
    this.buf[this.pos++] = v ? 116 : 102;
    return this;
  }

  /** ASCII text that needs no escaping (ids, dates, ISO timestamps). */
  text(v: string): this {
    this.separator();
    return this.ascii(v);
  }

  /** Any text (UTF-8, with COPY's escapes for backslash, tab, newline and carriage return), or NULL. */
  escapedText(v: string | null): this {
    this.separator();
    if (v === null) return this.bytes(NULL_BYTES);
    const escaped = /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : v;
    const length = Buffer.byteLength(escaped, 'utf8');
    this.room(length);
    this.pos += this.buf.write(escaped, this.pos, 'utf8');
    return this;
  }

  /** Ends the current row. */
  endRow(): this {
    this.room(1);
    this.buf[this.pos++] = NEWLINE;
    this.first = true;
    return this;
  }

  /** The bytes written so far (whole rows), leaving the encoder empty. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }

  private separator(): void {
    if (this.first) {
      this.first = false;
      return;
    }
    this.room(1);
    this.buf[this.pos++] = TAB;
  }

  private ascii(s: string): this {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
    return this;
  }

  private bytes(b: readonly number[]): this {
    this.room(b.length);
    for (const x of b) this.buf[this.pos++] = x;
    return this;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n, this.chunkBytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

/** Streams COPY text chunks into `table` on the caller's client (so inside its transaction). */
export async function copyChunks(client: PoolClient, table: string, columns: readonly string[], chunks: Iterable<Buffer>): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
}
