import { InvalidInputError } from '../errors';
import { confidence, sideConfidence } from './confidence';
import { STANDARD_AMERICAN_ODDS } from './odds';
import { removeVig, type VigMethod } from './vig';
import { edge, expectedValuePerUnit, kellyFraction, type KellyOptions } from './value';

export type Side = 'OVER' | 'UNDER';
/** Mirrors the Prisma `Recommendation` enum. */
export type Recommendation = Side | 'PASS';
/** Why {@link recommend} decided as it did; QUALIFIED is the only reason that comes with a bet. */
export type RecommendationReason = 'QUALIFIED' | 'NO_POSITIVE_EV' | 'EDGE_BELOW_MIN' | 'CONFIDENCE_BELOW_MIN';
/** Raised when a side had no price and -110 was assumed. */
export type PricingFlag = 'assumed_price';

/** Calibrated model probabilities (push = 1 - pOver - pUnder) and the market's American prices, if any. */
export interface RecommendInput {
  pOver: number;
  pUnder: number;
  overOdds?: number | null;
  underOdds?: number | null;
}

/** Gates and pricing choices of {@link recommend}. */
export interface RecommendOptions {
  /** Minimum edge (model minus vig-free market probability) of the chosen side. */
  minEdge: number;
  /** Minimum signed confidence in the chosen side, 2 * P(side | no push) - 1. */
  minConfidence: number;
  /** The chosen side's EV per unit must exceed this (default 0). */
  minExpectedValue?: number;
  vigMethod?: VigMethod;
  kelly?: Omit<KellyOptions, 'pushProbability'>;
}

/** Pricing of one side. */
export interface SideEvaluation {
  side: Side;
  /** Price used (the market's, or -110 when assumed). */
  odds: number;
  /** Model probability of the side given no push. */
  modelProbability: number;
  /** Vig-free market probability of the side. */
  marketProbability: number;
  edge: number;
  /** Expected profit per unit staked, pushes refunded. */
  expectedValue: number;
  kellyFraction: number;
}

/** Outcome of {@link recommend}: the decision, its reason, and both sides' numbers. */
export interface RecommendationResult {
  recommendation: Recommendation;
  reason: RecommendationReason;
  /** Human-readable explanation of the reason. */
  detail: string;
  /** Directionless confidence |pOver - pUnder| / (pOver + pUnder). */
  confidence: number;
  over: SideEvaluation;
  under: SideEvaluation;
  flags: PricingFlag[];
}

/**
 * OVER, UNDER or PASS. The candidate is the side with the higher EV; it is bet only when its EV exceeds
 * minExpectedValue, its edge >= minEdge and the model favours it by at least minConfidence.
 * A missing price is replaced by -110 (both for EV and for the vig-free market) and flagged 'assumed_price'.
 */
export function recommend(input: RecommendInput, options: RecommendOptions): RecommendationResult {
  const { pOver, pUnder } = input;
  const overConfidence = sideConfidence(pOver, pUnder);
  const pPush = Math.max(0, 1 - pOver - pUnder);
  if (!Number.isFinite(options.minEdge) || !Number.isFinite(options.minConfidence)) {
    throw new InvalidInputError('minEdge and minConfidence must be finite numbers');
  }
  const assumed = input.overOdds == null || input.underOdds == null;
  const overOdds = input.overOdds ?? STANDARD_AMERICAN_ODDS;
  const underOdds = input.underOdds ?? STANDARD_AMERICAN_ODDS;
  const market = removeVig(overOdds, underOdds, options.vigMethod);
  const decided = pOver + pUnder;
  const qOver = decided > 0 ? pOver / decided : 0.5;

  const evaluate = (side: Side, pWin: number, q: number, odds: number, marketP: number): SideEvaluation => ({
    side,
    odds,
    modelProbability: q,
    marketProbability: marketP,
    edge: edge(q, marketP),
    expectedValue: expectedValuePerUnit(pWin, odds, pPush),
    kellyFraction: kellyFraction(pWin, odds, { ...options.kelly, pushProbability: pPush }),
  });
  const over = evaluate('OVER', pOver, qOver, overOdds, market.over);
  const under = evaluate('UNDER', pUnder, 1 - qOver, underOdds, market.under);

  const best = over.expectedValue >= under.expectedValue ? over : under;
  const bestConfidence = best.side === 'OVER' ? overConfidence : -overConfidence;
  const minEv = options.minExpectedValue ?? 0;
  const side = best.side.toLowerCase();
  const [reason, detail]: [RecommendationReason, string] = !(best.expectedValue > minEv)
    ? ['NO_POSITIVE_EV', `best EV (${side}) ${fmt(best.expectedValue)} <= ${fmt(minEv)}`]
    : best.edge < options.minEdge
      ? ['EDGE_BELOW_MIN', `${side} edge ${fmt(best.edge)} < ${fmt(options.minEdge)}`]
      : bestConfidence < options.minConfidence
        ? ['CONFIDENCE_BELOW_MIN', `${side} confidence ${fmt(bestConfidence)} < ${fmt(options.minConfidence)}`]
        : ['QUALIFIED', `${side}: edge ${fmt(best.edge)}, EV ${fmt(best.expectedValue)}, confidence ${fmt(bestConfidence)}`];

  return {
    recommendation: reason === 'QUALIFIED' ? best.side : 'PASS',
    reason,
    detail,
    confidence: confidence(pOver, pUnder),
    over,
    under,
    flags: assumed ? ['assumed_price'] : [],
  };
}

function fmt(x: number): string {
  return x.toFixed(4);
}
