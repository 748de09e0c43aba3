export * from './errors';
export { gradePrediction, type GradablePrediction, type GradeValues } from './grading/grade-prediction';
export { summariseGrades, type GradedRow, type GradeAggregates } from './grading/summarise-grades';
export { GradingRepository, type DatePrediction, type GradedPredictionRow, type GradeQuery, type StoredGradeSummary } from './grading/grading.repository';
export { GradeDateUseCase, ROLLING_WINDOW_DAYS, summarise, type DateSummary, type GradeDateResult } from './grading/grade-date.usecase';
export { ListGradesUseCase, type ListGradesRequest, type GradesReport } from './grading/list-grades.usecase';
export { parseStat, parseStats, statValue } from './shared/stats';
export { binDistribution, driftStatistics, PSI_FLOOR, type BinnedDistribution, type DriftStatistics } from './drift/distribution';
export { parseDriftReference, type DriftReference } from './drift/drift-reference';
export { DriftRepository, type DriftModel, type StoredDriftReport } from './drift/drift.repository';
export {
  EvaluateDriftUseCase,
  DEFAULT_DRIFT_OPTIONS,
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
