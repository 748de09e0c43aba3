/** Accumulates wall time spent inside libxgboost calls, to report the share of a run spent elsewhere. */
export class XgboostClock {
  private nanos = 0n;

  /** Runs a synchronous libxgboost call and adds its duration. */
  time<T>(call: () => T): T {
    const start = process.hrtime.bigint();
    try {
      return call();
    } finally {
      this.nanos += process.hrtime.bigint() - start;
    }
  }

  /** Seconds spent in libxgboost so far. */
  get seconds(): number {
    return Number(this.nanos) / 1e9;
  }
}
