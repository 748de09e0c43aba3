import { z } from 'zod';
import { envVar, type ConfigOf } from '@propcast/config';
import type { RecommendOptions } from '@propcast/prediction';

const number = (def: number, description: string, min: number, max: number) => envVar(z.coerce.number().min(min).max(max), description, { default: String(def) });

/**
 * The worker's betting gates and stake sizing, read under the same variable names, so the read side ranks and
 * calls props (best price across books, what-if prices) with the gates the worker priced them with.
 */
export const BettingGatesEnv = {
  MIN_EDGE: number(0.03, 'minimum edge (model minus vig-free market probability) to recommend OVER or UNDER', -1, 1),
  MIN_CONFIDENCE: number(0.05, 'minimum confidence in the recommended side', -1, 1),
  KELLY_FRACTION: number(0.25, 'multiplier on full Kelly for the stake (0.25 = quarter Kelly)', 0, 1),
  KELLY_CAP: number(0.05, 'largest stake as a share of bankroll', 0, 1),
};

export type BettingGatesConfig = ConfigOf<typeof BettingGatesEnv>;

/** Options of libs/prediction's `recommend` from the gates. */
export function recommendOptions(config: BettingGatesConfig): RecommendOptions {
  return { minEdge: config.MIN_EDGE, minConfidence: config.MIN_CONFIDENCE, kelly: { fraction: config.KELLY_FRACTION, cap: config.KELLY_CAP } };
}

/** The worker's defaults (MIN_EDGE 0.03, MIN_CONFIDENCE 0.05, quarter Kelly capped at 5%). */
export const DEFAULT_RECOMMEND_OPTIONS: RecommendOptions = { minEdge: 0.03, minConfidence: 0.05, kelly: { fraction: 0.25, cap: 0.05 } };
