export * from './errors';
export { STAT_DEFINITIONS, targetValue, parseStats, byStat, type StatDefinition, type BoxScoreCounts } from './stats';

export type { DateWindow, PlayerGameRows, StatDataset, PlayerGameRowQuery, PlayerGameRowSource } from './dataset/dataset.types';
export { PgPlayerGameRowSource, DEFAULT_SEASON_TYPES } from './dataset/pg-player-game-row.repository';
export { PlayerGameRowsBuilder, type PlayerGameRowInput } from './dataset/player-game-rows.builder';
export { toStatDataset, selectRows, featureColumn } from './dataset/stat-dataset';
export { splitByDate, DEFAULT_SPLIT, type SplitFractions, type DateSplits } from './dataset/split-by-date';
export { datasetFingerprint } from './dataset/dataset-fingerprint';

export { TRAINING_OBJECTIVES, DEFAULT_BOOSTER_SETTINGS, toBoosterParams, type TrainingObjective, type BoosterConfig } from './model/booster-config';
export { fitBooster, fitFixedRounds, predictBest, toMatrix, type FitBoosterOptions, type FittedBooster, type FixedRoundsOptions, type TrainingMatrix } from './model/fit-booster';
export { seasonDecayWeights, seasonOf } from './model/recency-weights';
export { trainModel, type ModelTrainingOptions, type TrainedModel, type TrainingData, type SelectionFit, type RefitSummary } from './model/train-model';
export { XgboostClock } from './model/xgboost-clock';

export type { Evaluation, RegressionMetrics, MinutesBucketMetrics, BaselineMetrics, BaselineSet, OverUnderMetrics } from './evaluation/evaluation.types';
export { evaluatePredictions } from './evaluation/evaluate-predictions';
export { evaluateBaselines, baselinePredictions, baselineFeature, targetMean, BASELINES, type BaselineName } from './evaluation/baselines';
export { regressionMetrics, metricsByMinutes, MINUTES_BUCKET_EDGES } from './evaluation/regression-metrics';
export { selectLines, type RowLines } from './evaluation/line-selection';
export { overUnderMetrics, overProbability } from './evaluation/over-under-metrics';
export { fitProbabilityModel, type ProbabilityFitOptions } from './evaluation/fit-probability-model';

export { ModelArtifacts, modelArtifactKeys, type ModelArtifactLocation, type LoadedNativeModel } from './artifacts/model-artifacts';
export { summarizeFeatures, summarizeValues, type FeatureDistribution } from './artifacts/feature-distribution';
export { compareWithNative, ONNX_PARITY_TOLERANCE, type OnnxParity } from './artifacts/onnx-parity';
export { exportServingModel, type ServingExport } from './artifacts/export-serving-model';
export { renderModelReport, type ModelReportInput } from './artifacts/model-report';
export { packageModel, type ModelPackageInput, type ModelPackage } from './artifacts/package-model';

export { decidePromotion, type GateInput, type GateDecision } from './registry/promotion-gate';
export { scoreProductionModel, type ProductionScore } from './registry/score-production-model';
export { ModelPromotionNotifier, type EventPublisher, type NotifierLogger } from './registry/model-promotion.notifier';

export { TrainingLock, type TrainingLease } from './runs/training-lock.repository';
export { LeaseKeeper, type LeaseLogger } from './runs/lease-keeper';
export { TrainingRunRepository, type TrainingRunRecord, type TrainingRunStatus } from './runs/training-run.repository';
export { TrainingMetrics } from './runs/training-metrics';
export { RefreshTrainingMetricsUseCase, type LastRuns } from './runs/refresh-training-metrics.usecase';
export { LastRunsRepository } from './runs/last-runs.repository';
export { RunProgress, type ProgressListener } from './runs/run-progress';

export { TrainStatUseCase, type TrainStatCommand, type TrainStatResult, type TrainingSettings, type TrainStatDependencies } from './usecases/train-stat.usecase';
export { StartTrainingUseCase, type StartTrainingCommand, type StartTrainingResult, type StartedRun, type RefusedStat, type RunOutcome, type TrainingTrigger } from './usecases/start-training.usecase';
export { GateCandidateUseCase, type GateSettings, type GateCandidateCommand, type GateOutcome } from './usecases/gate-candidate.usecase';
export { PromoteModelUseCase, type PromoteModelCommand, type PromoteModelResult } from './usecases/promote-model.usecase';
export { RollbackModelUseCase, type RollbackModelCommand, type RollbackModelResult } from './usecases/rollback-model.usecase';
export { SetTrafficUseCase, type SetTrafficCommand, type SetTrafficResult, type TrafficRole } from './usecases/set-traffic.usecase';
export { EvaluateModelUseCase, type EvaluateModelCommand, type ModelScore } from './usecases/evaluate-model.usecase';
export { CheckTrainingDataUseCase, type TrainingDataReport } from './usecases/check-training-data.usecase';
export { RetrainOnDriftReportsUseCase, type DriftThresholds, type DriftCheckReport } from './usecases/retrain-on-drift-reports.usecase';

export { createTrainingServices, defaultTrainingSettings, type TrainingServices, type TrainingServicesOptions } from './training-services';

export { TrainingEnv, type TrainingConfig } from './runtime/training.env';
export { openTraining, StandaloneTrainingEnv, type OpenTraining, type TrainingSettingsOverrides } from './runtime/open-training';
export { scoresJson, scoresTable, summarizeEvaluation, type ScoreSummary } from './runtime/score-report';
export * from './minutes';
