import { InvalidInputError } from '../errors';
import { assertProbability } from '../validation';

/**
 * Confidence in [0, 1]: how decisively the model separates over from under once pushes are set aside,
 * |pOver - pUnder| / (pOver + pUnder) = |2q - 1| with q = P(over | no push). 0 = coin flip, 1 = certain.
 * Directionless; edge and EV carry the direction.
 */
export function confidence(pOver: number, pUnder: number): number {
  return Math.abs(sideConfidence(pOver, pUnder));
}

/** Signed confidence in the over side: (pOver - pUnder) / (pOver + pUnder) in [-1, 1]; 0 when a push is certain. */
export function sideConfidence(pOver: number, pUnder: number): number {
  assertProbability(pOver, 'pOver');
  assertProbability(pUnder, 'pUnder');
  if (pOver + pUnder > 1 + 1e-9) throw new InvalidInputError(`pOver + pUnder exceeds 1 (${pOver} + ${pUnder})`);
  const decided = pOver + pUnder;
  return decided > 0 ? (pOver - pUnder) / decided : 0;
}
