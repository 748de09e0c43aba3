export * from './errors';
export { gradePrediction, type GradablePrediction, type GradeValues } from './grading/grade-prediction';
export { PROXY_BOOK, summariseGrades, type GradedRow, type GradeAggregates } from './grading/summarise-grades';
export { GradingRepository, type DatePrediction, type GradedPredictionRow, type GradeQuery, type StoredGradeSummary } from './grading/grading.repository';
export { GradeDateUseCase, summarise, type DateSummary, type GradeDateResult } from './grading/grade-date.usecase';
export { ListGradesUseCase, type ListGradesRequest, type GradesReport } from './grading/list-grades.usecase';
export { parseStat, parseStats, statValue } from './shared/stats';
export { binDistribution, driftStatistics, PSI_FLOOR, type BinnedDistribution, type DriftStatistics } from './drift/distribution';
export { parseDriftReference, type DriftReference } from './drift/drift-reference';
export { DriftRepository, type DriftModel, type StoredDriftReport } from './drift/drift.repository';
export {
  EvaluateDriftUseCase,
  DEFAULT_DRIFT_OPTIONS,
  CALENDAR_FEATURES,
  type DriftOptions,
  type EvaluateDriftRequest,
  type DriftReportResult,
  type FeatureDrift,
  type FeatureDriftSection,
  type PredictionDriftSection,
  type PerformanceSection,
  type Skipped,
  type ArtifactReader,
} from './drift/evaluate-drift.usecase';
export { ListDriftReportsUseCase } from './drift/list-drift-reports.usecase';
export {
  RunBacktestUseCase,
  DEFAULT_WALK_FORWARD,
  type BacktestRequest,
  type BacktestSettings,
  type BacktestReport,
  type BacktestProp,
  type BacktestDay,
  type BacktestHooks,
  type ModelTraining,
  type StrategyResult,
  type PropCounts,
} from './backtest/run-backtest.usecase';
export { formatBacktestTable, renderBacktestHtml } from './backtest/backtest-report';
export { parseStrategy, decideBet, DEFAULT_STRATEGIES, KELLY, type Strategy, type Selector, type Staking, type BetDecision, type PricedProp } from './backtest/strategies';
export { BankrollSimulator, type BankrollOptions, type BankrollDay, type BankrollSummary, type PlacedBet, type SettledBet } from './backtest/bankroll';
export { selectLine, type LineSnapshot, type SelectedLine } from './backtest/line-selection';
export { closingLineValue, type ClosingLineValue, type ClvBet } from './backtest/closing-line-value';
export { compareWithMarket, type MarketComparison, type MarketScoredProp } from './backtest/market-scoring';
export { WalkForwardModel, type WalkForwardOptions, type WalkForwardTrainingSet } from './backtest/walk-forward-model';
export { WalkForwardMinutes, type MinutesProjectionOptions, type MinutesTrainingSet } from './backtest/walk-forward-minutes';
export { GradingEnv, driftOptions, promotionSettings, type GradingConfig } from './runtime/grading.env';
export { openGrading, StandaloneGradingEnv, type OpenGrading } from './runtime/open-grading';
export { RefreshGradingMetricsUseCase, ROLLING_WINDOW_DAYS, type GradingMetricsRepositories } from './monitoring/refresh-grading-metrics.usecase';
export { createGradingRepositories, type GradingRepositories } from './composition/grading-repositories';
export { gradingMetrics, type GradingMetrics } from './monitoring/grading-metrics';
export { FitMarketCombinerUseCase, type FitMarketCombinerRequest, type FitMarketCombinerResult } from './combiner/fit-market-combiner.usecase';
export { MarketCombinerStore } from './combiner/market-combiner.repository';
export { oneSidedPairedTest, oneSidedWelchTest, studentTUpperTail, type PairedTestResult } from './challengers/paired-test';
export { scoreModel, comparePair, type ModelPriceScores, type PairComparison } from './challengers/challenger-scores';
export { ChallengerEvidenceRepository, type EvidenceRow, type ServingModel, type StoredProposal } from './challengers/challenger-evidence.repository';
export {
  EvaluateChallengersUseCase,
  promotionVerdict,
  type ChallengerPairReport,
  type ChallengersReport,
  type ChallengersRequest,
  type ModelPromoter,
  type PromotionObserver,
  type PromotionSettings,
  type PromotionVerdict,
} from './challengers/evaluate-challengers.usecase';
