/**
 * Fixed-capacity ring buffer of the most recent values with O(capacity) summaries.
 * Every summary over an empty window is NaN; summaries iterate newest to oldest so results are deterministic.
 */
export class RollingWindow {
  private readonly buf: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
    this.buf = new Float64Array(capacity);
  }

  /** Number of values held (at most capacity). */
  get size(): number {
    return this.count;
  }

  /** Appends a value, evicting the oldest when full. */
  push(value: number): void {
    this.buf[this.next] = value;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** The i-th most recent value (0 = newest); caller guarantees i < size. */
  recent(i: number): number {
    const j = this.next - 1 - i;
    return this.buf[j < 0 ? j + this.capacity : j];
  }

  /** Sum of the last k values (all held values when fewer); 0 when empty. */
  sum(k: number = this.capacity): number {
    const n = Math.min(k, this.count);
    let s = 0;
    for (let i = 0; i < n; i++) s += this.recent(i);
    return s;
  }

  /** Mean of the last k values (all held values when fewer). */
  mean(k: number = this.capacity): number {
    const n = Math.min(k, this.count);
    return n === 0 ? NaN : this.sum(n) / n;
  }

  /** Sample standard deviation (n - 1) of all held values; NaN with fewer than two. */
  std(): number {
    const n = this.count;
    if (n < 2) return NaN;
    const m = this.sum(n) / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = this.recent(i) - m;
      ss += d * d;
    }
    return Math.sqrt(ss / (n - 1));
  }

  /** Smallest held value. */
  min(): number {
    if (this.count === 0) return NaN;
    let v = this.recent(0);
    for (let i = 1; i < this.count; i++) v = Math.min(v, this.recent(i));
    return v;
  }

  /** Largest held value. */
  max(): number {
    if (this.count === 0) return NaN;
    let v = this.recent(0);
    for (let i = 1; i < this.count; i++) v = Math.max(v, this.recent(i));
    return v;
  }

  /** Median of held values (mean of the two middle ones for an even count); `scratch` needs capacity slots. */
  median(scratch: Float64Array): number {
    const n = this.count;
    if (n === 0) return NaN;
    for (let i = 0; i < n; i++) {
      const v = this.recent(i);
      let j = i - 1;
      while (j >= 0 && scratch[j] > v) {
        scratch[j + 1] = scratch[j];
        j--;
      }
      scratch[j + 1] = v;
    }
    const mid = n >> 1;
    return n % 2 === 1 ? scratch[mid] : (scratch[mid - 1] + scratch[mid]) / 2;
  }

  /** Least-squares slope per step of the held values against their order (oldest = 0); NaN with fewer than two. */
  slope(): number {
    const n = this.count;
    if (n < 2) return NaN;
    const xMean = (n - 1) / 2;
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += (n - 1 - i - xMean) * this.recent(i);
    return sxy / ((n * (n * n - 1)) / 12);
  }
}
