import { assertFinite } from '../validation';

/** Probabilities of the three outcomes of a prop line; over + under + push = 1. */
export interface OverUnder {
  over: number;
  under: number;
  push: number;
}

/**
 * Over/under/push of an integer-valued stat against any line, from its survival function S(k) = P(actual >= k):
 * over = P(actual > line) = S(floor(line) + 1), under = P(actual < line) = 1 - S(ceil(line)),
 * push = the rest (non-zero only for integer lines, where it is P(actual = line)).
 */
export function overUnderFromSurvival(survival: (k: number) => number, line: number): OverUnder {
  assertFinite(line, 'line');
  const over = survival(Math.floor(line) + 1);
  const atLeastLine = survival(Math.ceil(line));
  return { over, under: 1 - atLeastLine, push: Math.max(0, atLeastLine - over) };
}

/** Over-probability conditional on no push: over / (over + under); 0.5 when a push is certain. */
export function conditionalOver(p: OverUnder): number {
  const decided = p.over + p.under;
  return decided > 0 ? p.over / decided : 0.5;
}
