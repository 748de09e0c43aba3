/** Rows that are valid but outside Propcast's scope (All-Star games, exhibitions against non-NBA clubs), counted by reason. */
export class SkippedRows {
  private readonly reasons = new Map<string, number>();
  private count = 0;

  /** Counts one skipped row. */
  add(reason: string): void {
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    this.count++;
  }

  /** Number of skipped rows. */
  get total(): number {
    return this.count;
  }

  /** Skipped rows by reason. */
  byReason(): Record<string, number> {
    return Object.fromEntries(this.reasons);
  }
}
