/** A date range to recompute; `to: null` means through the latest date known when the run starts. */
export interface DateRange {
  from: string;
  to: string | null;
}

interface Pending<R> {
  range: DateRange;
  waiters: { resolve: (r: R) => void; reject: (e: unknown) => void }[];
}

/**
 * Runs range requests one at a time; requests arriving while a run is busy merge into one pending run covering
 * all of them (earliest from, latest to), so a burst of ingestion events costs one recompute, not one each.
 */
export class RangeCoalescer<R> {
  private pending: Pending<R> | null = null;
  private running = false;

  constructor(private readonly runRange: (range: DateRange) => Promise<R>) {}

  /** Resolves with the result of the run that covered `range`. */
  request(range: DateRange): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.pending === null) this.pending = { range: { ...range }, waiters: [] };
      else this.pending.range = mergeRanges(this.pending.range, range);
      this.pending.waiters.push({ resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending !== null) {
        const batch = this.pending;
        this.pending = null;
        try {
          const result = await this.runRange(batch.range);
          for (const w of batch.waiters) w.resolve(result);
        } catch (err) {
          for (const w of batch.waiters) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** The smallest range covering both. */
export function mergeRanges(a: DateRange, b: DateRange): DateRange {
  return {
    from: a.from < b.from ? a.from : b.from,
    to: a.to === null || b.to === null ? null : a.to > b.to ? a.to : b.to,
  };
}
