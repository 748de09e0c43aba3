import { InvalidOddsError } from '../errors';

/** Standard juice assumed when a side has no price. */
export const STANDARD_AMERICAN_ODDS = -110;

/** Decimal odds (stake included): +x → 1 + x/100, -x → 1 + 100/x; |odds| must be >= 100. */
export function americanToDecimal(americanOdds: number): number {
  if (!Number.isFinite(americanOdds) || Math.abs(americanOdds) < 100) {
    throw new InvalidOddsError(`American odds must be finite with |odds| >= 100, got ${String(americanOdds)}`);
  }
  return americanOdds > 0 ? 1 + americanOdds / 100 : 1 + 100 / -americanOdds;
}

/** Net profit per unit staked on a win: decimal odds - 1. */
export function profitPerUnit(americanOdds: number): number {
  return americanToDecimal(americanOdds) - 1;
}

/** Break-even (vig-inclusive) probability of a price: 1 / decimal odds; -110 → 0.5238, +150 → 0.4. */
export function impliedProbabilityFromAmericanOdds(americanOdds: number): number {
  return 1 / americanToDecimal(americanOdds);
}
