export * from './errors';
export { ModelRegistry, toServingModel, servingSetOf } from './model-registry';
export { RegisteredModelsRepository, type RegisteredModel } from './registered-models.repository';
export type { ModelRecord, ModelStatus, ModelRole, ServingModel, ServingSet, ModelEventRecord, ModelChange, NewModel, ModelHistory } from './model-registry.types';
export { parseModelMetadata, MODEL_METADATA_SCHEMA_VERSION, type ModelMetadata, type StoredArtifact, type SplitSummary, type FitRecord, type ModelFits } from './model-metadata';
export type { Evaluation, RegressionMetrics, MinutesBucketMetrics, BaselineMetrics, BaselineSet, OverUnderMetrics } from './evaluation.types';
export { TRAINING_OBJECTIVES, type TrainingObjective, type DateWindow, type FeatureDistribution } from './metadata-parts';
export { DriftEnv, DEFAULT_DRIFT_THRESHOLDS, driftThresholds, type DriftConfig, type DriftThresholdSettings } from './drift-settings';
