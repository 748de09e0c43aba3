import type { Side } from '@propcast/prediction';
import { closingLineValueOf } from '../grading/closing-line';
import type { LineSnapshot } from './line-selection';

/** A bet whose book moved again before tip-off. */
export interface ClvBet {
  side: Side;
  /** The snapshot the bet was placed at (its price is the one paid). */
  bet: LineSnapshot;
  closing: LineSnapshot;
}

/** Closing-line value of a strategy's bets (null fields where nothing could be measured). */
export interface ClosingLineValue {
  /** Bets with a later snapshot of the same book before tip-off. */
  bets: number;
  /** Mean points the line moved in the bet's favour (over: close - bet line; under: bet line - close). */
  meanLineClv: number | null;
  /** Share of those bets that beat the close: the line moved their way, or stayed and the price moved their way. */
  beatCloseShare: number | null;
  /** Bets whose line did not move and both closing prices are known. */
  priceBets: number;
  /** Mean of vig-free closing probability / probability implied by the price paid - 1, on those bets. */
  meanPriceClv: number | null;
}

/** Closing-line value of bets that have a closing snapshot. */
export function closingLineValue(bets: readonly ClvBet[]): ClosingLineValue {
  let lineSum = 0;
  let beat = 0;
  let priceSum = 0;
  let priceBets = 0;
  for (const { side, bet, closing } of bets) {
    const clv = closingLineValueOf(side, bet, closing);
    lineSum += clv.line;
    if (clv.price !== null) {
      priceSum += clv.price;
      priceBets++;
    }
    if (clv.line > 0 || (clv.line === 0 && (clv.price ?? 0) > 0)) beat++;
  }
  const n = bets.length;
  return {
    bets: n,
    meanLineClv: n ? lineSum / n : null,
    beatCloseShare: n ? beat / n : null,
    priceBets,
    meanPriceClv: priceBets ? priceSum / priceBets : null,
  };
}
