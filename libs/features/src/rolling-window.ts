import type { StateReader, StateWriter } from './state-codec';

/** All summaries of a window that the player features need, filled in one pass by RollingWindow.summarize. */
export interface WindowSummary {
  /** Number of values summarised (0 = empty window: every other field is NaN). */
  count: number;
  /** Means of the newest 3 and 5 values (fewer when the window holds fewer) and of all held values. */
  mean3: number;
  mean5: number;
  mean: number;
  /** Sample standard deviation (n - 1); NaN with fewer than two values. */
  std: number;
  min: number;
  max: number;
  /** Median (mean of the two middle values for an even count). */
  median: number;
  /** Least-squares slope per step against the values' order (oldest = 0); NaN with fewer than two values. */
  slope: number;
}

/** A summary of an empty window, to be filled by RollingWindow.summarize. */
export function emptySummary(): WindowSummary {
  return { count: 0, mean3: NaN, mean5: NaN, mean: NaN, std: NaN, min: NaN, max: NaN, median: NaN, slope: NaN };
}

/**
 * Fixed-capacity ring buffer of the most recent values. Summaries cost O(capacity), iterate in a fixed
 * order (so results are deterministic) and are NaN over an empty window.
 */
export class RollingWindow {
  private readonly buf: Float64Array;
  private readonly scratch: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
    this.buf = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
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

  /** Sum of all held values (0 when empty). */
  sum(): number {
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.buf[i];
    return s;
  }

  /** Mean of all held values. */
  mean(): number {
    return this.count === 0 ? NaN : this.sum() / this.count;
  }

  /** Saves the exact ring (held values where they sit, next slot, count): sums iterate it in storage order. */
  writeState(w: StateWriter): void {
    w.u32(this.capacity);
    w.u32(this.next);
    w.u32(this.count);
    w.f64s(this.buf, this.count);
  }

  /** Restores what writeState saved into this (empty) window of the same capacity. */
  readState(r: StateReader): void {
    r.expect(this.capacity, 'a window capacity of');
    this.next = r.u32();
    this.count = r.u32();
    r.f64s(this.buf, this.count);
  }

  /** Fills `out` with every summary of the held values in one pass plus a sort of at most `capacity` values. */
  summarize(out: WindowSummary): void {
    const n = this.count;
    out.count = n;
    if (n === 0) {
      out.mean3 = out.mean5 = out.mean = out.std = out.min = out.max = out.median = out.slope = NaN;
      return;
    }
    // copy oldest -> newest into scratch
    const v = this.scratch;
    let j = n === this.capacity ? this.next : 0;
    for (let i = 0; i < n; i++) {
      v[i] = this.buf[j];
      j = j + 1 === this.capacity ? 0 : j + 1;
    }
    let sum = 0;
    let sum3 = 0;
    let sum5 = 0;
    let min = v[n - 1];
    let max = min;
    for (let i = n - 1, k = 1; i >= 0; i--, k++) {
      const x = v[i];
      sum += x;
      if (k === 3) sum3 = sum;
      if (k === 5) sum5 = sum;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const mean = sum / n;
    out.mean = mean;
    out.mean3 = n >= 3 ? sum3 / 3 : mean;
    out.mean5 = n >= 5 ? sum5 / 5 : mean;
    out.min = min;
    out.max = max;
    const xMean = (n - 1) / 2;
    let ss = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const d = v[i] - mean;
      ss += d * d;
      sxy += (i - xMean) * v[i];
    }
    out.std = n < 2 ? NaN : Math.sqrt(ss / (n - 1));
    out.slope = n < 2 ? NaN : sxy / ((n * (n * n - 1)) / 12);
    for (let i = 1; i < n; i++) {
      const x = v[i];
      let k = i - 1;
      while (k >= 0 && v[k] > x) {
        v[k + 1] = v[k];
        k--;
      }
      v[k + 1] = x;
    }
    const mid = n >> 1;
    out.median = n % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
