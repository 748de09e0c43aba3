import { InvalidInputError } from '../errors';
import { assertFinite } from '../validation';
import { profitPerUnit } from '../pricing/odds';
import type { Recommendation } from '../pricing/recommend';

/** Mirrors the Prisma `LineOutcome` enum. */
export type LineOutcome = 'OVER' | 'UNDER' | 'PUSH' | 'VOID';
/** Mirrors the Prisma `BetResult` enum. */
export type BetResult = 'WIN' | 'LOSS' | 'PUSH' | 'VOID' | 'NO_BET';

/** OVER when actual > line, UNDER when below, PUSH when equal, VOID when actual is null (did not play). */
export function lineOutcome(actual: number | null, line: number): LineOutcome {
  assertFinite(line, 'line');
  if (actual === null) return 'VOID';
  assertFinite(actual, 'actual');
  return actual > line ? 'OVER' : actual < line ? 'UNDER' : 'PUSH';
}

/** NO_BET for PASS; otherwise VOID/PUSH pass through, WIN when the side matches the outcome, else LOSS. */
export function betResult(recommendation: Recommendation, outcome: LineOutcome): BetResult {
  if (recommendation === 'PASS') return 'NO_BET';
  if (outcome === 'VOID' || outcome === 'PUSH') return outcome;
  return recommendation === outcome ? 'WIN' : 'LOSS';
}

/** Profit of a graded bet: WIN → stake * (decimal - 1), LOSS → -stake, PUSH/VOID/NO_BET → 0. */
export function profitAtAmericanOdds(result: BetResult, americanOdds: number, stake = 1): number {
  if (!(stake >= 0) || !Number.isFinite(stake)) throw new InvalidInputError(`stake must be a finite non-negative number, got ${String(stake)}`);
  if (result === 'WIN') return stake * profitPerUnit(americanOdds);
  if (result === 'LOSS') return -stake;
  return 0;
}
