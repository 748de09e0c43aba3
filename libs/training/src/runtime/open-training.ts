import { createArtifactStore } from '@propcast/artifact-store';
import { CommonEnv, type ConfigOf, loadConfig, StoreAndBusEnv } from '@propcast/config';
import { createPgPool, createPrismaClient } from '@propcast/db';
import { busConfigFromEnv, createServiceEventBus, type EventBus } from '@propcast/messaging';
import { DriftEnv } from '@propcast/model-registry';
import type { EventPublisher } from '../registry/model-promotion.notifier';
import { createTrainingServices, defaultTrainingSettings, type TrainingServices } from '../training-services';
import type { TrainingSettings } from '../usecases/train-stat.usecase';
import { TrainingEnv } from './training.env';

/** Everything a standalone process (the CLI, the benchmark) reads to train, evaluate and manage models. */
export const StandaloneTrainingEnv = {
  ...StoreAndBusEnv,
  ARTIFACT_STORE_URI: CommonEnv.ARTIFACT_STORE_URI,
  DRIFT_PSI_THRESHOLD: DriftEnv.DRIFT_PSI_THRESHOLD,
  DRIFT_MAE_TOLERANCE: DriftEnv.DRIFT_MAE_TOLERANCE,
  ...TrainingEnv,
};

/** Open connections and wired services of a standalone training process. */
export interface OpenTraining {
  services: TrainingServices;
  config: ConfigOf<typeof StandaloneTrainingEnv>;
  /** The event bus, when opened `withEvents` (model.promoted and training.completed go nowhere otherwise). */
  bus: EventBus | null;
  /** Closes the bus, the Prisma client and the pool. */
  close(): Promise<void>;
}

/** Opens Postgres, the artifact store and, when `withEvents`, the event bus from the environment, and wires the training services. */
/** Overrides of the default settings (feature set, minutes projection...); the model's refit settings still come from env unless given. */
export type TrainingSettingsOverrides = Parameters<typeof defaultTrainingSettings>[0];

export function openTraining(opts: { withEvents: boolean; env?: NodeJS.ProcessEnv; settings?: TrainingSettings; overrides?: TrainingSettingsOverrides; holder?: string }): OpenTraining {
  const config = loadConfig(StandaloneTrainingEnv, opts.env ?? process.env);
  const prisma = createPrismaClient(config.DATABASE_URL, { maxConnections: 4 });
  const pool = createPgPool(config.DATABASE_URL, 4);
  // Through the outbox: model.promoted and training.completed survive a bus outage (a service's relay sends them on).
  const bus = opts.withEvents ? createServiceEventBus(busConfigFromEnv(config), pool) : null;
  const events: EventPublisher = bus ?? { publish: async () => 'not published (no event bus)' };
  const services = createTrainingServices({
    prisma,
    pool,
    store: createArtifactStore(config.ARTIFACT_STORE_URI),
    events,
    settings:
      opts.settings ??
      defaultTrainingSettings({
        ...opts.overrides,
        model: { refit: config.TRAINER_REFIT, refitRounds: config.TRAINER_REFIT_ROUNDS, recencyDecays: config.TRAINER_RECENCY_DECAYS, ...opts.overrides?.model },
      }),
    gate: { minMaeImprovement: config.GATE_MIN_MAE_IMPROVEMENT, autoPromote: config.TRAINER_AUTO_PROMOTE },
    leaseMs: config.TRAINER_LOCK_LEASE_MS,
    defaultBudgetMinutes: config.TRAINER_DEFAULT_BUDGET_MINUTES,
    drift: { maxPsi: config.DRIFT_PSI_THRESHOLD, maxMaeRatio: 1 + config.DRIFT_MAE_TOLERANCE },
    holder: opts.holder,
  });
  return {
    services,
    config,
    bus,
    async close() {
      await bus?.close().catch(() => undefined); // its last outbox flush needs the pool
      await Promise.allSettled([prisma.$disconnect(), pool.end()]);
    },
  };
}
