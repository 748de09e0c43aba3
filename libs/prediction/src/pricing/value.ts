import { InvalidInputError } from '../errors';
import { assertProbability } from '../validation';
import { profitPerUnit } from './odds';

/** Options of {@link kellyFraction}. */
export interface KellyOptions {
  /** Multiplier on full Kelly (default 0.25 = quarter Kelly). */
  fraction?: number;
  /** Maximum stake as a share of bankroll (default 0.05). */
  cap?: number;
  /** Probability the bet is refunded (push); default 0. */
  pushProbability?: number;
}

/** Edge: model probability minus the vig-free market probability of the same side. */
export function edge(modelProbability: number, marketProbability: number): number {
  assertProbability(modelProbability, 'modelProbability');
  assertProbability(marketProbability, 'marketProbability');
  return modelProbability - marketProbability;
}

/**
 * Expected profit per unit staked: pWin * b - pLose, with b = decimal odds - 1 and pLose = 1 - pWin - pPush
 * (a push returns the stake: zero profit). p = 0.55 at -110 → 0.55 * 0.9091 - 0.45 = 0.05.
 */
export function expectedValuePerUnit(pWin: number, americanOdds: number, pushProbability = 0): number {
  const pLose = lossProbability(pWin, pushProbability);
  return pWin * profitPerUnit(americanOdds) - pLose;
}

/**
 * Fractional, capped Kelly stake as a share of bankroll: clamp(fraction * f*, 0, cap), where the full-Kelly
 * f* = (b * pWin - pLose) / (b * (pWin + pLose)) maximises E[log wealth] with pushes refunded
 * (reduces to (b p - q) / b without pushes). Never negative: no bet when the edge is not positive.
 */
export function kellyFraction(pWin: number, americanOdds: number, options: KellyOptions = {}): number {
  const fraction = options.fraction ?? 0.25;
  const cap = options.cap ?? 0.05;
  if (!(fraction >= 0)) throw new InvalidInputError(`Kelly fraction must be >= 0, got ${String(fraction)}`);
  if (!(cap >= 0 && cap <= 1)) throw new InvalidInputError(`Kelly cap must be in [0, 1], got ${String(cap)}`);
  const pLose = lossProbability(pWin, options.pushProbability ?? 0);
  const b = profitPerUnit(americanOdds);
  const decided = pWin + pLose;
  if (decided <= 0) return 0;
  const full = (b * pWin - pLose) / (b * decided);
  return Math.min(cap, Math.max(0, fraction * full));
}

function lossProbability(pWin: number, pPush: number): number {
  assertProbability(pWin, 'pWin');
  assertProbability(pPush, 'pushProbability');
  if (pWin + pPush > 1 + 1e-9) throw new InvalidInputError(`pWin + pushProbability exceeds 1 (${pWin} + ${pPush})`);
  return Math.max(0, 1 - pWin - pPush);
}
