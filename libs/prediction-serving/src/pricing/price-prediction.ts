import type { PredictionRequest } from '@propcast/contracts';
import {
  bookConsensus,
  conditionalOver,
  PROXY_LINE_BOOK,
  qualityFlags,
  recommend,
  removeVig,
  type MarketCombiner,
  type ProbabilityModel,
  type QualityThresholds,
  type Recommendation,
  type BookQuote,
} from '@propcast/prediction';
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

/** Every book's quotes of the prop captured before pricing (the priced book's own are left out of the consensus). */
export interface OtherBooks {
  quotes: readonly BookQuote[];
  /** Pricing instant: only quotes captured before it count. */
  pricedAt: Date;
}

/** A stored market combination of the model, and the game date it prices (it refuses dates before its asOf). */
export interface CombinerForDate {
  id: string;
  combiner: MarketCombiner;
  gameDate: string;
}

/** The priced part of a prediction row. */
export interface PricedPrediction {
  /** P(over) the recommendation uses: combined with the market where a combiner priced the row, else the model's. */
  overProbability: number | null;
  /** The model's own P(over). */
  modelOverProbability: number | null;
  /** The market combination that priced the row (null: the model's own probability). */
  combinerId: string | null;
  /** Vig-free market probability of the over. */
  marketOverProbability: number | null;
  /** The other books' de-vigged consensus P(over) moved to this line (null: no other book quoted before pricing). */
  consensusOverProbability: number | null;
  /** Edge, EV and Kelly of the recommended side (of the better-EV side on PASS; Kelly is then 0). */
  edge: number | null;
  expectedValue: number | null;
  kellyFraction: number | null;
  confidence: number | null;
  recommendation: Recommendation;
  /**
   * The call the model would make itself at this price (a shadow's is never acted on: `recommendation` is PASS for
   * it); challengers and shadows are graded on it, production's picks never read it. null without a line.
   */
  wouldBeRecommendation: Recommendation | null;
  flags: string[];
}

/** Flag of a prediction made without a prop line. */
export const NO_LINE_FLAG = 'no_line';
/** Flag of a real-priced prediction priced with the vig-free market because no combination of its model is fitted yet. */
export const MARKET_PRIOR_FLAG = 'market_prior';

/**
 * Prices a predicted mean against a request's line and prices with libs/prediction: calibrated over/under/push
 * probabilities, vig-free market, edge, EV, capped fractional Kelly, confidence, OVER / UNDER / PASS and quality
 * flags. Without a line only the flags are set (PASS). Shadow models are priced but never recommended. With a
 * combiner and both real prices, P(over | no push) is the combination of the model's and the vig-free market's
 * (the push probability stays the model's), and edge, EV, Kelly and the call use it. With a real book's prices but no
 * combination fitted yet, the vig-free market's P(over) (the combination's prior) stands, flagged market_prior: no
 * edge is claimed before the model has shown any on graded real prices. Without real prices the model's stands.
 */
export function pricePrediction(
  mean: number,
  request: PredictionRequest,
  probability: ProbabilityModel,
  role: ModelRole,
  quality: QualityContext,
  options: PricingOptions,
  combiner: CombinerForDate | null = null,
  otherBooks: OtherBooks | null = null,
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
      modelOverProbability: null,
      combinerId: null,
      marketOverProbability: null,
      consensusOverProbability: null,
      edge: null,
      expectedValue: null,
      kellyFraction: null,
      confidence: null,
      recommendation: 'PASS',
      wouldBeRecommendation: null,
      flags: [...flags, NO_LINE_FLAG],
    };
  }
  const odds = probability.overUnder(mean, request.line);
  const consensusOver = otherBooks && request.overPrice !== null && request.underPrice !== null ? consensusOf(mean, request.line, request.book, probability, otherBooks) : null;
  const priced = combined(odds, mean, request, combiner, consensusOver);
  const result = recommend(
    { pOver: priced.over, pUnder: priced.under, overOdds: request.overPrice, underOdds: request.underPrice },
    { minEdge: options.minEdge, minConfidence: options.minConfidence, kelly: { fraction: options.kellyFraction, cap: options.kellyCap } },
  );
  const side = result.recommendation === 'UNDER' || (result.recommendation === 'PASS' && result.under.expectedValue > result.over.expectedValue) ? result.under : result.over;
  const recommendation = role === 'SHADOW' ? 'PASS' : result.recommendation;
  return {
    overProbability: priced.over,
    modelOverProbability: odds.over,
    combinerId: priced.combinerId,
    marketOverProbability: result.over.marketProbability,
    consensusOverProbability: consensusOver,
    edge: side.edge,
    expectedValue: side.expectedValue,
    kellyFraction: recommendation === 'PASS' ? 0 : side.kellyFraction,
    confidence: result.confidence,
    recommendation,
    wouldBeRecommendation: result.recommendation,
    flags: priced.marketPrior ? [...flags, ...result.flags, MARKET_PRIOR_FLAG] : [...flags, ...result.flags],
  };
}

/**
 * The over/under probabilities the call uses: the combination where a combiner and both real prices exist; the
 * vig-free market where both real prices exist but no combination is fitted; else the model's.
 */
function combined(
  odds: { over: number; under: number; push: number },
  mean: number,
  request: PredictionRequest,
  combiner: CombinerForDate | null,
  consensusOver: number | null,
): { over: number; under: number; combinerId: string | null; marketPrior: boolean } {
  const line = request.line;
  const book = request.book.trim();
  const realPrices = line !== null && request.overPrice !== null && request.underPrice !== null && book !== '' && book.toUpperCase() !== PROXY_LINE_BOOK;
  if (!realPrices || line === null || request.overPrice === null || request.underPrice === null || !(odds.push < 1)) {
    return { over: odds.over, under: odds.under, combinerId: null, marketPrior: false };
  }
  const decided = 1 - odds.push;
  const marketOver = removeVig(request.overPrice, request.underPrice).over;
  if (combiner === null) return { over: marketOver * decided, under: (1 - marketOver) * decided, combinerId: null, marketPrior: true };
  const pOver = combiner.combiner.combine({ modelOver: odds.over / decided, marketOver, consensusOver, line, mean }, combiner.gameDate);
  return { over: pOver * decided, under: (1 - pOver) * decided, combinerId: combiner.id, marketPrior: false };
}

/** The other books' consensus for the priced book's line, other lines moved by the model's own distribution. */
function consensusOf(mean: number, line: number, book: string, probability: ProbabilityModel, otherBooks: OtherBooks): number | null {
  const c = bookConsensus(otherBooks.quotes, {
    line,
    book: book.trim(),
    cutoffAt: otherBooks.pricedAt,
    modelOverAt: (l) => conditionalOver(probability.overUnder(mean, l)),
  });
  return c?.over ?? null;
}
