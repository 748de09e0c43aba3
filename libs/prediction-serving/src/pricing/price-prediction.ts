import type { PredictionRequest } from '@propcast/contracts';
import { qualityFlags, recommend, type ProbabilityModel, type QualityThresholds, type Recommendation } from '@propcast/prediction';
import type { ModelRole } from '../batches/batch.types';

/** Betting gates and stake sizing of the worker. */
export interface PricingOptions {
  /** Minimum edge (model minus vig-free market probability) of the recommended side. */
  minEdge: number;
  /** Minimum signed confidence of the recommended side. */
  minConfidence: number;
  /** Multiplier on full Kelly (0.25 = quarter Kelly). */
  kellyFraction: number;
  /** Largest stake as a share of bankroll. */
  kellyCap: number;
  quality?: Partial<QualityThresholds>;
}

/** What the quality flags look at for one request; null = unknown (no flag for that check). */
export interface QualityContext {
  gamesThisSeason: number | null;
  minutesStd: number | null;
  /** Minutes between the line's capture and now. */
  lineAgeMinutes: number | null;
}

/** The priced part of a prediction row. */
export interface PricedPrediction {
  overProbability: number | null;
  /** Vig-free market probability of the over. */
  marketOverProbability: number | null;
  /** Edge, EV and Kelly of the recommended side (of the better-EV side on PASS; Kelly is then 0). */
  edge: number | null;
  expectedValue: number | null;
  kellyFraction: number | null;
  confidence: number | null;
  recommendation: Recommendation;
  flags: string[];
}

/** Flag of a prediction made without a prop line. */
export const NO_LINE_FLAG = 'no_line';

/**
 * Prices a predicted mean against a request's line and prices with libs/prediction: calibrated over/under/push
 * probabilities, vig-free market, edge, EV, capped fractional Kelly, confidence, OVER / UNDER / PASS and quality
 * flags. Without a line only the flags are set (PASS). Shadow models are priced but never recommended.
 */
export function pricePrediction(
  mean: number,
  request: PredictionRequest,
  probability: ProbabilityModel,
  role: ModelRole,
  quality: QualityContext,
  options: PricingOptions,
): PricedPrediction {
  const flags: string[] = qualityFlags(
    {
      // few_games cannot be judged without the count: a count no threshold reaches raises no flag.
      gamesThisSeason: quality.gamesThisSeason ?? Number.MAX_SAFE_INTEGER,
      minutesStd: quality.minutesStd,
      lineAgeMinutes: request.line === null ? null : quality.lineAgeMinutes,
    },
    options.quality,
  );
  if (request.line === null) {
    return {
      overProbability: null,
      marketOverProbability: null,
      edge: null,
      expectedValue: null,
      kellyFraction: null,
      confidence: null,
      recommendation: 'PASS',
      flags: [...flags, NO_LINE_FLAG],
    };
  }
  const odds = probability.overUnder(mean, request.line);
  const result = recommend(
    { pOver: odds.over, pUnder: odds.under, overOdds: request.overPrice, underOdds: request.underPrice },
    { minEdge: options.minEdge, minConfidence: options.minConfidence, kelly: { fraction: options.kellyFraction, cap: options.kellyCap } },
  );
  const side = result.recommendation === 'UNDER' || (result.recommendation === 'PASS' && result.under.expectedValue > result.over.expectedValue) ? result.under : result.over;
  const recommendation = role === 'SHADOW' ? 'PASS' : result.recommendation;
  return {
    overProbability: odds.over,
    marketOverProbability: result.over.marketProbability,
    edge: side.edge,
    expectedValue: side.expectedValue,
    kellyFraction: recommendation === 'PASS' ? 0 : side.kellyFraction,
    confidence: result.confidence,
    recommendation,
    flags: [...flags, ...result.flags],
  };
}
