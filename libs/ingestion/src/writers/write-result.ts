/** What a write did to the rows of one game date (or the whole batch). */
export interface RowCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What a writer did: totals, per game date, and kind-specific facts for the batch report. */
export interface WriteResult {
  counts: RowCounts;
  byDate: Map<string, RowCounts>;
  details: Record<string, unknown>;
}

/** Adds the rows RETURNING reported per date to the rows staged per date; the rest were unchanged. */
export function countsByDate(staged: ReadonlyMap<string, number>, changed: readonly { game_date: string; inserted: number; updated: number }[]): WriteResult['byDate'] {
  const byDate = new Map<string, RowCounts>();
  for (const [date, n] of staged) byDate.set(date, { inserted: 0, updated: 0, unchanged: n });
  for (const c of changed) {
    const entry = byDate.get(c.game_date) ?? { inserted: 0, updated: 0, unchanged: 0 };
    entry.inserted += c.inserted;
    entry.updated += c.updated;
    entry.unchanged = Math.max(0, entry.unchanged - c.inserted - c.updated);
    byDate.set(c.game_date, entry);
  }
  return byDate;
}

/** Sum of per-date counts. */
export function totalCounts(byDate: ReadonlyMap<string, RowCounts>): RowCounts {
  const total = { inserted: 0, updated: 0, unchanged: 0 };
  for (const c of byDate.values()) {
    total.inserted += c.inserted;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
  }
  return total;
}

/** Rows per game date. */
export function countPerDate<T>(rows: readonly T[], dateOf: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const d = dateOf(row);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return counts;
}
