import { impliedProbabilityFromAmericanOdds, removeVig, type Side } from '@propcast/prediction';

/** A line with its prices (American odds; null where the book posted none). */
export interface PricedLine {
  line: number;
  overPrice: number | null;
  underPrice: number | null;
}

/** Closing-line value of one bet. */
export interface BetClv {
  /** Points the line moved in the bet's favour (over: close - bet line; under: bet line - close). */
  line: number;
  /** Vig-free closing probability of the side / probability implied by the price paid - 1; null unless the line stayed and every price is known. */
  price: number | null;
}

/** Closing-line value of a bet on `side` at `bet` against the closing snapshot of the same book. */
export function closingLineValueOf(side: Side, bet: PricedLine, closing: PricedLine): BetClv {
  const line = side === 'OVER' ? closing.line - bet.line : bet.line - closing.line;
  const paid = side === 'OVER' ? bet.overPrice : bet.underPrice;
  if (line !== 0 || paid === null || closing.overPrice === null || closing.underPrice === null) return { line, price: null };
  const fair = removeVig(closing.overPrice, closing.underPrice);
  return { line, price: (side === 'OVER' ? fair.over : fair.under) / impliedProbabilityFromAmericanOdds(paid) - 1 };
}
