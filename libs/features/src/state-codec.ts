import { FeatureStateError } from './errors';

/**
 * Version of the binary layout of saved computer states. Bump it whenever a computer's writeState/readState changes
 * (a field added, an order changed): checkpoints of another format are never read.
 */
export const STATE_FORMAT_VERSION = 2; // 2: v2/v3 computers also carry the league's scoring sums (v3)

/** Appends little-endian primitives to a growing buffer: the exact bits of every double (NaN included). */
export class StateWriter {
  private buf = Buffer.allocUnsafe(1 << 16);
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  private offset = 0;

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.offset, value, true);
    this.offset += 4;
  }

  /** An integer that may be negative (player, team ids). */
  i32(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.offset, value, true);
    this.offset += 4;
  }

  f64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.offset, value, true);
    this.offset += 8;
  }

  /** The first `count` values of `values`. */
  f64s(values: Float64Array, count = values.length): void {
    this.reserve(8 * count);
    for (let i = 0; i < count; i++) this.view.setFloat64(this.offset + 8 * i, values[i], true);
    this.offset += 8 * count;
  }

  /** A UTF-8 string, or null. */
  str(value: string | null): void {
    if (value === null) return this.u32(0xffffffff);
    const bytes = Buffer.from(value, 'utf8');
    this.u32(bytes.length);
    this.reserve(bytes.length);
    bytes.copy(this.buf, this.offset);
    this.offset += bytes.length;
  }

  /** The bytes written so far. */
  finish(): Buffer {
    return this.buf.subarray(0, this.offset);
  }

  private reserve(n: number): void {
    if (this.offset + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.offset + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.offset);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}

/** Reads what a StateWriter wrote, in the same order; throws FeatureStateError past the end. */
export class StateReader {
  private readonly view: DataView;
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }

  /** Fills the first `count` values of `out`. */
  f64s(out: Float64Array, count = out.length): void {
    this.need(8 * count);
    for (let i = 0; i < count; i++) out[i] = this.view.getFloat64(this.offset + 8 * i, true);
    this.offset += 8 * count;
  }

  str(): string | null {
    const n = this.u32();
    if (n === 0xffffffff) return null;
    this.need(n);
    const s = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.offset, n).toString('utf8');
    this.offset += n;
    return s;
  }

  /** A u32 that must equal `expected` (a layout marker or a window size). */
  expect(expected: number, what: string): void {
    const v = this.u32();
    if (v !== expected) throw new FeatureStateError(`saved state has ${what} ${v}, this computer uses ${expected}`);
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.offset !== this.bytes.byteLength) throw new FeatureStateError(`saved state has ${this.bytes.byteLength - this.offset} unread bytes`);
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.byteLength) throw new FeatureStateError(`saved state is truncated at byte ${this.offset}`);
  }
}
