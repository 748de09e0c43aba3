import { availableParallelism } from 'node:os';
import type { ArtifactStore } from '@propcast/artifact-store';
import type { PrismaClient } from '@propcast/db';
import { FeatureSetV1 } from '@propcast/features';
import type { Pool } from 'pg';
import { ModelArtifacts } from './artifacts/model-artifacts';
import type { PlayerGameRowSource } from './dataset/dataset.types';
import { DEFAULT_SEASON_TYPES, PgPlayerGameRowSource } from './dataset/pg-player-game-row.repository';
import { DEFAULT_SPLIT } from './dataset/split-by-date';
import { TRAINING_OBJECTIVES } from './model/booster-config';
import { XgboostClock } from './model/xgboost-clock';
import { ModelPromotionNotifier, type EventPublisher, type NotifierLogger } from './registry/model-promotion.notifier';
import { ModelRegistry } from '@propcast/model-registry';
import { LeaseKeeper } from './runs/lease-keeper';
import { TrainingLock } from './runs/training-lock.repository';
import { TrainingMetrics } from './runs/training-metrics';
import { TrainingRunRepository } from './runs/training-run.repository';
import { CheckTrainingDataUseCase } from './usecases/check-training-data.usecase';
import { RetrainOnDriftReportsUseCase, type DriftThresholds } from './usecases/retrain-on-drift-reports.usecase';
import { EvaluateModelUseCase } from './usecases/evaluate-model.usecase';
import { GateCandidateUseCase, type GateSettings } from './usecases/gate-candidate.usecase';
import { PromoteModelUseCase } from './usecases/promote-model.usecase';
import { RollbackModelUseCase } from './usecases/rollback-model.usecase';
import { SetTrafficUseCase } from './usecases/set-traffic.usecase';
import { StartTrainingUseCase } from './usecases/start-training.usecase';
import { TrainStatUseCase, type TrainingSettings } from './usecases/train-stat.usecase';

/** Training settings for feature set v1 with production defaults; tests and the bench override parts. */
export function defaultTrainingSettings(overrides: Partial<Omit<TrainingSettings, 'model'>> & { model?: Partial<TrainingSettings['model']> } = {}): TrainingSettings {
  const { model, ...rest } = overrides;
  return {
    featureSet: { id: FeatureSetV1.id, version: FeatureSetV1.version, definitionHash: FeatureSetV1.definitionHash },
    featureNames: FeatureSetV1.featureNames,
    seasonTypes: DEFAULT_SEASON_TYPES,
    split: DEFAULT_SPLIT,
    probability: {},
    minRowsPerSplit: 300,
    ...rest,
    model: {
      objectives: TRAINING_OBJECTIVES,
      subsampleRows: 25_000,
      maxTrials: 40,
      maxRounds: 1000,
      earlyStoppingRounds: 25,
      nthread: availableParallelism(),
      seed: 42,
      refit: true,
      refitRounds: 'same',
      recencyDecays: [],
      minRecencyGain: 0.001,
      finalists: 3,
      ...model,
    },
  };
}

/** What the training services are built from. */
export interface TrainingServicesOptions {
  prisma: PrismaClient;
  pool: Pool;
  store: ArtifactStore;
  events: EventPublisher;
  settings?: TrainingSettings;
  gate: GateSettings;
  /** Training lease length; heartbeats renew it every third of it. */
  leaseMs: number;
  defaultBudgetMinutes: number;
  drift: DriftThresholds;
  /** Feature rows a stat without a production model needs before the daily check trains it. */
  minRowsToBootstrap?: number;
  /** Dataset source; default feature_rows in Postgres. */
  source?: PlayerGameRowSource;
  logger?: NotifierLogger;
  holder?: string;
}

/** Every training use case and repository, wired once (by the trainer app's module or the CLI). */
export interface TrainingServices {
  settings: TrainingSettings;
  registry: ModelRegistry;
  runs: TrainingRunRepository;
  artifacts: ModelArtifacts;
  lock: TrainingLock;
  leases: LeaseKeeper;
  clock: XgboostClock;
  startTraining: StartTrainingUseCase;
  trainStat: TrainStatUseCase;
  promote: PromoteModelUseCase;
  rollback: RollbackModelUseCase;
  setTraffic: SetTrafficUseCase;
  evaluate: EvaluateModelUseCase;
  checkData: CheckTrainingDataUseCase;
  retrainOnDriftReports: RetrainOnDriftReportsUseCase;
}

/** Builds the training services from their infrastructure. */
export function createTrainingServices(options: TrainingServicesOptions): TrainingServices {
  const settings = options.settings ?? defaultTrainingSettings();
  const registry = new ModelRegistry(options.prisma);
  const runs = new TrainingRunRepository(options.prisma);
  const artifacts = new ModelArtifacts(options.store);
  const lock = new TrainingLock(options.prisma, options.leaseMs);
  const leases = new LeaseKeeper(lock, Math.max(100, Math.floor(options.leaseMs / 3)), options.logger);
  const clock = new XgboostClock();
  const notifier = new ModelPromotionNotifier(options.events, options.logger);
  const promote = new PromoteModelUseCase(registry, notifier);
  const gate = new GateCandidateUseCase(registry, artifacts, promote, options.gate, clock);
  const source = options.source ?? new PgPlayerGameRowSource(options.pool);
  const trainStat = new TrainStatUseCase({ registry, runs, artifacts, gate, metrics: new TrainingMetrics(), events: options.events, settings, clock });
  const startTraining = new StartTrainingUseCase({ source, lock, leases, runs, trainStat, settings, defaultBudgetMinutes: options.defaultBudgetMinutes, holder: options.holder });
  return {
    settings,
    registry,
    runs,
    artifacts,
    lock,
    leases,
    clock,
    startTraining,
    trainStat,
    promote,
    rollback: new RollbackModelUseCase(registry, notifier),
    setTraffic: new SetTrafficUseCase(registry, notifier),
    evaluate: new EvaluateModelUseCase(registry, artifacts, source),
    checkData: new CheckTrainingDataUseCase(options.prisma, registry, startTraining, settings.featureSet.id, options.minRowsToBootstrap ?? 5000),
    retrainOnDriftReports: new RetrainOnDriftReportsUseCase(options.prisma, registry, startTraining, options.drift),
  };
}
