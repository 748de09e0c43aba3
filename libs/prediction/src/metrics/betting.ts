import { InvalidInputError } from '../errors';
import { assertFinite, assertSameLength } from '../validation';
import type { BetResult } from './grading';
import { meanOf } from './regression';

/** Wins / (wins + losses); pushes, voids and no-bets are excluded. NaN when there is no decided bet. */
export function hitRate(results: readonly BetResult[]): number {
  let wins = 0;
  let losses = 0;
  for (const r of results) {
    if (r === 'WIN') wins++;
    else if (r === 'LOSS') losses++;
  }
  return wins + losses > 0 ? wins / (wins + losses) : Number.NaN;
}

/** Return on investment, sum(profits) / sum(stakes); NaN when nothing was staked. */
export function roi(profits: readonly number[], stakes: readonly number[]): number {
  assertSameLength(profits, stakes, 'profits/stakes');
  let profit = 0;
  let staked = 0;
  profits.forEach((p, i) => {
    assertFinite(p, `profits[${i}]`);
    assertFinite(stakes[i], `stakes[${i}]`);
    profit += p;
    staked += stakes[i];
  });
  return staked > 0 ? profit / staked : Number.NaN;
}

/**
 * Largest fall from a running peak, max over t of (max_{s<=t} curve[s] - curve[t]), in the curve's units
 * (e.g. cumulative profit; prepend 0 when the curve starts from an implicit zero). 0 for empty or rising curves.
 */
export function maxDrawdown(curve: readonly number[]): number {
  let peak = -Infinity;
  let worst = 0;
  curve.forEach((v, i) => {
    assertFinite(v, `curve[${i}]`);
    peak = Math.max(peak, v);
    worst = Math.max(worst, peak - v);
  });
  return worst;
}

/** Sharpe ratio mean / sample standard deviation (n - 1) of period returns, times sqrt(periodsPerYear); NaN with < 2 returns or zero spread. */
export function sharpe(returns: readonly number[], periodsPerYear = 1): number {
  if (!(periodsPerYear > 0)) throw new InvalidInputError(`periodsPerYear must be positive, got ${String(periodsPerYear)}`);
  returns.forEach((r, i) => assertFinite(r, `returns[${i}]`));
  if (returns.length < 2) return Number.NaN;
  const mean = meanOf(returns);
  let ss = 0;
  for (const r of returns) ss += (r - mean) ** 2;
  const sd = Math.sqrt(ss / (returns.length - 1));
  return sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYear) : Number.NaN;
}
