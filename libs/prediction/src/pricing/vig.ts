import { InvalidInputError } from '../errors';
import { impliedProbabilityFromAmericanOdds } from './odds';

/** How the bookmaker margin is removed from a two-way market. */
export type VigMethod = 'multiplicative' | 'power';

/** Vig-free probabilities of a two-way market and the overround (sum of implied probabilities) they came from. */
export interface VigFreeMarket {
  over: number;
  under: number;
  overround: number;
}

/**
 * Vig-free over/under probabilities from the two American prices.
 * 'multiplicative' (default): p_i = implied_i / (implied_over + implied_under).
 * 'power': p_i = implied_i^k with k solved so that the two sum to 1 (shades longshots more).
 */
export function removeVig(overOdds: number, underOdds: number, method: VigMethod = 'multiplicative'): VigFreeMarket {
  const io = impliedProbabilityFromAmericanOdds(overOdds);
  const iu = impliedProbabilityFromAmericanOdds(underOdds);
  const overround = io + iu;
  if (method === 'multiplicative') return { over: io / overround, under: iu / overround, overround };
  if (method !== 'power') throw new InvalidInputError(`unknown vig method "${String(method)}"`);
  const k = solvePowerExponent(io, iu);
  const over = io ** k;
  return { over, under: 1 - over, overround };
}

/** k > 0 with a^k + b^k = 1 for a, b in (0, 1), by bisection (the sum decreases in k). */
function solvePowerExponent(a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  while (a ** hi + b ** hi > 1) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (a ** mid + b ** mid > 1) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
