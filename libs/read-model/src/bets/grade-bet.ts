import { betResult, impliedProbabilityFromAmericanOdds, lineOutcome, profitAtAmericanOdds, removeVig } from '@propcast/prediction';
import { statValue } from '../shared/box-score';
import { lineSourceOf } from '../shared/line-source';
import type { BetView, StoredBet } from './bet.types';

/**
 * Grades a bet on read: OPEN until its game has a box score; then WIN / LOSS / PUSH against the line, VOID when the
 * player did not play (stake refunded). Closing-line value against the same book's last line before tip-off.
 */
export function gradeBet(bet: StoredBet): BetView {
  const { box, gameOver, ...stored } = bet;
  const played = box !== null && !box.dnp && box.minutes > 0;
  const actual = played ? statValue(bet.stat, box) : null;
  const settled = gameOver && (!played || actual !== null);
  const outcome = settled ? lineOutcome(actual, bet.line) : null;
  const result = outcome ? betResult(bet.side, outcome) : null;
  const closing = bet.closing;
  const lineClv = closing ? (bet.side === 'OVER' ? closing.line - bet.line : bet.line - closing.line) : null;
  const closingProbability =
    closing && closing.line === bet.line && closing.overPrice !== null && closing.underPrice !== null
      ? bet.side === 'OVER'
        ? removeVig(closing.overPrice, closing.underPrice).over
        : removeVig(closing.overPrice, closing.underPrice).under
      : null;
  return {
    ...stored,
    lineSource: lineSourceOf(bet.book),
    status: settled ? 'SETTLED' : 'OPEN',
    actual,
    outcome,
    result,
    profit: result ? profitAtAmericanOdds(result, bet.price, bet.stake) : 0,
    expectedProfit: bet.modelExpectedValue === null ? null : bet.stake * bet.modelExpectedValue,
    closingProbability,
    lineClv,
    priceClv: closingProbability === null ? null : closingProbability / impliedProbabilityFromAmericanOdds(bet.price) - 1,
  };
}
