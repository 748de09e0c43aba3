import { removeVig } from '@propcast/prediction';

/** A stored prop-line snapshot. */
export interface LineSnapshot {
  book: string;
  line: number;
  overPrice: number | null;
  underPrice: number | null;
  capturedAt: Date;
}

/** The line a prop is bet at and, when the same book moved before tip-off, its closing snapshot. */
export interface SelectedLine {
  bet: LineSnapshot;
  closing: LineSnapshot | null;
}

/**
 * Picks the line a backtest bets: the latest snapshot captured strictly before `cutoffAt` (what the features saw);
 * among books quoting at that instant, the lowest overround (both prices known first), then the book name.
 * `closing` is the same book's last snapshot before `tipoffAt` when it is later than the bet snapshot.
 * Returns null when no snapshot precedes the cutoff. `snapshots` may be in any order.
 */
export function selectLine(snapshots: readonly LineSnapshot[], cutoffAt: Date, tipoffAt: Date | null): SelectedLine | null {
  const before = snapshots.filter((s) => s.capturedAt.getTime() < cutoffAt.getTime());
  if (before.length === 0) return null;
  const latest = Math.max(...before.map((s) => s.capturedAt.getTime()));
  const [bet] = before.filter((s) => s.capturedAt.getTime() === latest).sort((a, b) => overround(a) - overround(b) || a.book.localeCompare(b.book));
  if (tipoffAt === null) return { bet, closing: null };
  const closing = snapshots
    .filter((s) => s.book === bet.book && s.capturedAt.getTime() < tipoffAt.getTime() && s.capturedAt.getTime() > latest)
    .reduce<LineSnapshot | null>((c, s) => (c === null || s.capturedAt.getTime() > c.capturedAt.getTime() ? s : c), null);
  return { bet, closing };
}

/** Sum of implied probabilities of the two prices; +Infinity when a price is missing (such quotes rank last). */
function overround(s: LineSnapshot): number {
  return s.overPrice === null || s.underPrice === null ? Number.POSITIVE_INFINITY : removeVig(s.overPrice, s.underPrice).overround;
}
