import type { BetView } from './bet.types';

/** Money figures of a set of bets. */
export interface BetFigures {
  bets: number;
  staked: number;
  /** Stake of bets whose game has no box score yet: the open exposure. */
  openStake: number;
  settled: number;
  /** Realised profit of settled bets at the prices paid. */
  profit: number;
  /** profit / stake of settled bets that were not void (null when none). */
  roi: number | null;
  /** The model's expected profit of the settled bets that have a model expectation, and their realised profit. */
  expectedProfit: number | null;
  realisedWithExpectation: number | null;
  /** Bets whose line closed: mean line CLV and share that beat the close; price CLV where the line did not move. */
  clv: { bets: number; meanLineClv: number | null; beatCloseShare: number | null; priceBets: number; meanPriceClv: number | null };
}

/** One day of the bet log. */
export interface BetDay extends BetFigures {
  date: string;
}

/** Figures per game date (ascending) and for all bets. */
export function summariseBets(bets: readonly BetView[]): { days: BetDay[]; totals: BetFigures } {
  const byDay = new Map<string, BetView[]>();
  for (const b of bets) {
    const list = byDay.get(b.gameDate);
    if (list) list.push(b);
    else byDay.set(b.gameDate, [b]);
  }
  const days = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, ...figures(list) }));
  return { days, totals: figures(bets) };
}

function figures(bets: readonly BetView[]): BetFigures {
  const settled = bets.filter((b) => b.status === 'SETTLED');
  const risked = settled.filter((b) => b.result !== 'VOID');
  const riskedStake = sum(risked.map((b) => b.stake));
  const profit = sum(settled.map((b) => b.profit));
  const withExpectation = settled.filter((b) => b.expectedProfit !== null && b.result !== 'VOID');
  const closed = bets.filter((b) => b.lineClv !== null);
  const priced = bets.filter((b) => b.priceClv !== null);
  const beat = closed.filter((b) => (b.lineClv as number) > 0 || ((b.lineClv as number) === 0 && (b.priceClv ?? 0) > 0));
  return {
    bets: bets.length,
    staked: sum(bets.map((b) => b.stake)),
    openStake: sum(bets.filter((b) => b.status === 'OPEN').map((b) => b.stake)),
    settled: settled.length,
    profit,
    roi: riskedStake > 0 ? profit / riskedStake : null,
    expectedProfit: withExpectation.length ? sum(withExpectation.map((b) => b.expectedProfit as number)) : null,
    realisedWithExpectation: withExpectation.length ? sum(withExpectation.map((b) => b.profit)) : null,
    clv: {
      bets: closed.length,
      meanLineClv: closed.length ? sum(closed.map((b) => b.lineClv as number)) / closed.length : null,
      beatCloseShare: closed.length ? beat.length / closed.length : null,
      priceBets: priced.length,
      meanPriceClv: priced.length ? sum(priced.map((b) => b.priceClv as number)) / priced.length : null,
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
