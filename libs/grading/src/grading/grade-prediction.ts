import { betResult, lineOutcome, profitAtAmericanOdds, STANDARD_AMERICAN_ODDS, type BetResult, type LineOutcome, type Recommendation } from '@propcast/prediction';

/** What grading needs of a stored prediction. */
export interface GradablePrediction {
  predictedMean: number;
  line: number | null;
  overPrice: number | null;
  underPrice: number | null;
  recommendation: Recommendation;
}

/** One row of `grades` (without its prediction id). */
export interface GradeValues {
  /** Realised stat; null when the player did not play. */
  actual: number | null;
  /** predicted - actual; null when the player did not play. */
  error: number | null;
  /** Against the line; null when the prediction had no line. */
  outcome: LineOutcome | null;
  result: BetResult;
  /** Profit of a one-unit stake at the recorded price (-110 where the worker assumed it). */
  profit: number;
}

/**
 * Grades one prediction against the box score: `actual` is the realised stat, or null when the player did not play
 * (a void). Outcome over/under/push against the line, bet result for OVER/UNDER recommendations, profit of one unit.
 */
export function gradePrediction(prediction: GradablePrediction, actual: number | null): GradeValues {
  const error = actual === null ? null : prediction.predictedMean - actual;
  if (prediction.line === null) return { actual, error, outcome: null, result: 'NO_BET', profit: 0 };
  const outcome = lineOutcome(actual, prediction.line);
  const result = betResult(prediction.recommendation, outcome);
  const price = prediction.recommendation === 'UNDER' ? prediction.underPrice : prediction.overPrice;
  return { actual, error, outcome, result, profit: profitAtAmericanOdds(result, price ?? STANDARD_AMERICAN_ODDS) };
}
