export * from './errors';
export { servingMetrics } from './metrics';
export { newBatchId, predictionJobId, readyEventId, updatedEventId } from './ids';
export type { BatchRow, BatchState, BatchTrigger, FailureCount, JobResult, JobResultOutcome, JobState, ModelRole, ModelVersionUsage, StatProgress } from './batches/batch.types';
export { NO_LINE_BOOK, buildRequests, cutIntoJobs, type SlateEntry, type SlateLine } from './slate/build-jobs';
export {
  bullConnection,
  collectQueueMetrics,
  enqueuePredictionJobs,
  openPredictionQueue,
  predictionJobDefaults,
  predictionQueueName,
  type PredictionQueueOptions,
} from './queue/prediction-queue';
export { FeatureStoreSource, type FeatureCacheSettings, type FeatureSource, type FeatureVectors } from './features/feature-source';
export { ArtifactModelLoader, type LoadedModel, type MeanPredictor, type ModelLoader } from './models/model-loader';
export { ModelCache } from './models/model-cache';
export { ServingModels, type ModelRegistryReader, type ServingModelsOptions, type StatModels } from './models/serving-models';
export { pickModel, trafficBucket } from './models/traffic-split';
export { MARKET_PRIOR_FLAG, NO_LINE_FLAG, pricePrediction, type CombinerForDate, type PricedPrediction, type PricingOptions, type QualityContext } from './pricing/price-prediction';
export { MarketCombinerRepository, type MarketCombinerSource, type StoredCombiner } from './pricing/market-combiner.repository';
export { FinishBatchUseCase, type FinishBatchCommand, type FinishBatchResult } from './usecases/finish-batch.usecase';
export { FanOutUseCase, type FanOutCommand, type FanOutOptions, type FanOutResult } from './usecases/fan-out.usecase';
export { StartBatchUseCase, type StartBatchCommand, type StartBatchResult } from './usecases/start-batch.usecase';
export {
  RecordTriggerUseCase,
  TRIGGER_MODES,
  type RecordTriggerCommand,
  type RecordTriggerOptions,
  type RecordTriggerResult,
  type TriggerMode,
} from './usecases/record-trigger.usecase';
export { MeasureTipoffCoverageUseCase, type TipoffCoverage } from './usecases/measure-tipoff-coverage.usecase';
export { RecordJobResultUseCase, type RecordJobResultCommand } from './usecases/record-job-result.usecase';
export { RecoverStalledBatchesUseCase, type RecoverStalledOptions, type RecoverStalledResult } from './usecases/recover-stalled-batches.usecase';
export { GetBatchStatusUseCase, type BatchStatus, type GetBatchStatusQuery } from './usecases/get-batch-status.usecase';
export { PredictJobUseCase, type PredictJobCommand, type PredictJobResult } from './usecases/predict-job.usecase';
export { batchIdOfReturn, type PredictionJobReturn } from './queue/prediction-job-return';
export { ArtifactModelProbabilities, type ModelProbabilitySource } from './live/model-probabilities';
export { LivePricingRepository, LATEST_PRICE_LATERAL, PRICING_CUTOFF_SQL, type CurrentLine, type PriceRow, type PricedPredictionRow } from './live/live-pricing.repository';
export { RepriceLinesUseCase, type RepriceLinesCommand, type RepriceLinesResult } from './live/reprice-lines.usecase';
export { NewsRepository, type PendingNews, type StatusChange } from './live/news.repository';
export { RecordNewsUseCase, type RecordNewsCommand, type RecordNewsResult } from './live/record-news.usecase';
export { StartNewsBatchesUseCase, type StartNewsBatchesOptions, type StartedNewsBatch } from './live/start-news-batches.usecase';
export { createServingRepositories, type ServingRepositories } from './composition/serving-repositories';
export { createCoordinatorUseCases, type CoordinatorUseCases, type CoordinatorSettings, type CoordinatorConnections } from './composition/coordinator-use-cases';
