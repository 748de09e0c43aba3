export * from './errors';

export { type OverUnder } from './probability/line-probabilities';
export { ResidualModel, RESIDUAL_MODEL_VERSION, type ResidualFitRow, type ResidualModelOptions, type ResidualModelJSON, type ResidualBucketJSON } from './probability/residual-model';
export { IsotonicCalibrator, ISOTONIC_CALIBRATOR_VERSION, type IsotonicOptions, type IsotonicCalibratorJSON } from './probability/isotonic-calibrator';
export { ProbabilityModel, PROBABILITY_MODEL_VERSION, type ProbabilityFitRow, type ProbabilityModelOptions, type ProbabilityModelJSON } from './probability/probability-model';
export {
  COUNT_FAMILIES,
  CountDistributionSchema,
  countOverUnder,
  countSurvival,
  countPmf,
  countLogPmf,
  countVariance,
  normalCdf,
  type CountFamily,
  type CountDistribution,
} from './probability/count-distribution';
export { CountModel, COUNT_MODEL_VERSION, logGamma, type CountFitRow, type CountModelOptions, type CountModelJSON } from './probability/count-model';
export {
  DistributionChoice,
  DISTRIBUTION_FAMILIES,
  DISTRIBUTION_CHOICE_VERSION,
  StoredDistributionSchema,
  storedOverUnder,
  scoreByLines,
  type DistributionFamily,
  type StoredDistribution,
  type ScoringRow,
  type FamilyScore,
  type DistributionSelection,
  type DistributionChoiceJSON,
  type DistributionChoiceOptions,
} from './probability/distribution-choice';
export {
  MarketCombiner,
  MARKET_COMBINER_VERSION,
  PROXY_LINE_BOOK,
  lineGap,
  type CombinerInput,
  type CombinerFitRow,
  type CombinerOptions,
  type CombinerCoefficients,
  type MarketCombinerJSON,
  type PenaltyChoiceRecord,
} from './probability/market-combiner';
export { choosePenaltyWalkForward, fitMarketCombinerWalkForward, DEFAULT_PENALTY_CANDIDATES, type PenaltyChoice, type PenaltyChoiceOptions } from './probability/combiner-penalty';
export { conditionalOver } from './probability/line-probabilities';
export { bookConsensus, type BookQuote, type BookConsensus, type ConsensusRequest } from './probability/book-consensus';
export { proxyLine } from './lines/proxy-line';

export { americanToDecimal, impliedProbabilityFromAmericanOdds, profitPerUnit, STANDARD_AMERICAN_ODDS } from './pricing/odds';
export { removeVig, type VigMethod, type VigFreeMarket } from './pricing/vig';
export { edge, expectedValuePerUnit, kellyFraction, type KellyOptions } from './pricing/value';
export { confidence, sideConfidence } from './pricing/confidence';
export {
  recommend,
  type Side,
  type Recommendation,
  type RecommendationReason,
  type PricingFlag,
  type RecommendInput,
  type RecommendOptions,
  type SideEvaluation,
  type RecommendationResult,
} from './pricing/recommend';
export { qualityFlags, DEFAULT_QUALITY_THRESHOLDS, type QualityFlag, type QualityInput, type QualityThresholds } from './pricing/quality-flags';

export { mae, rmse, bias, withinShare } from './metrics/regression';
export { byBucket, type BucketSummary } from './metrics/by-bucket';
export { brierScore, logLoss, expectedCalibrationError, reliabilityCurve, type ReliabilityBin } from './metrics/probabilistic';
export { hitRate, roi, maxDrawdown, sharpe } from './metrics/betting';
export { lineOutcome, betResult, profitAtAmericanOdds, type LineOutcome, type BetResult } from './metrics/grading';
