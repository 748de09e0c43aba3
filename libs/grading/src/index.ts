export * from './errors';
export { gradePrediction, type GradablePrediction, type GradeValues } from './grading/grade-prediction';
export { summariseGrades, type GradedRow, type GradeAggregates } from './grading/summarise-grades';
export { GradingRepository, type DatePrediction, type GradedPredictionRow, type GradeQuery, type StoredGradeSummary } from './grading/grading.repository';
export { GradeDateUseCase, ROLLING_WINDOW_DAYS, summarise, type DateSummary, type GradeDateResult } from './grading/grade-date.usecase';
export { ListGradesUseCase, type ListGradesRequest, type GradesReport } from './grading/list-grades.usecase';
export { parseStat, parseStats, statValue } from './shared/stats';
