import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ARTIFACT_STORE, type ArtifactStore } from '@propcast/artifact-store';
import { PG_POOL, PRISMA_CLIENT, type PrismaClient } from '@propcast/db';
import { EVENT_BUS, type EventBus } from '@propcast/messaging';
import { createTrainingServices, defaultTrainingSettings, type TrainingServices } from '@propcast/training';
import type { Pool } from 'pg';
import type { TrainerConfig } from './config';
import { RetrainRequestedHandler } from './events/retrain-requested.handler';
import { ModelsController } from './http/models.controller';
import { TrainingMetricsRefresher } from './metrics/training-metrics.refresher';
import { TrainController } from './http/train.controller';
import { TrainerScheduler } from './schedule/trainer.scheduler';
import { TRAINER_CONFIG, TRAINING_SERVICES } from './trainer.tokens';

/** Training runs, model registry endpoints, schedules and the retrain.requested handler. */
@Module({})
export class TrainerModule {
  /** Controllers, schedules and handlers over training services wired from the app's Prisma, pg pool, artifact store and event bus. */
  static forRoot(config: TrainerConfig): DynamicModule {
    return {
      module: TrainerModule,
      imports: [ScheduleModule.forRoot()],
      controllers: [TrainController, ModelsController],
      providers: [
        { provide: TRAINER_CONFIG, useValue: config },
        {
          provide: TRAINING_SERVICES,
          inject: [PRISMA_CLIENT, PG_POOL, ARTIFACT_STORE, EVENT_BUS],
          useFactory: (prisma: PrismaClient, pool: Pool, store: ArtifactStore, bus: EventBus): TrainingServices => {
            const logger = new Logger('training');
            return createTrainingServices({
              prisma,
              pool,
              store,
              events: bus,
              settings: defaultTrainingSettings({ model: { refit: config.TRAINER_REFIT, refitRounds: config.TRAINER_REFIT_ROUNDS, recencyDecays: config.TRAINER_RECENCY_DECAYS } }),
              gate: { minMaeImprovement: config.GATE_MIN_MAE_IMPROVEMENT, autoPromote: config.TRAINER_AUTO_PROMOTE },
              leaseMs: config.TRAINER_LOCK_LEASE_MS,
              defaultBudgetMinutes: config.TRAINER_DEFAULT_BUDGET_MINUTES,
              drift: { maxPsi: config.DRIFT_PSI_THRESHOLD, maxMaeRatio: 1 + config.DRIFT_MAE_TOLERANCE },
              logger: { warn: (obj, message) => logger.warn(`${message} ${JSON.stringify(obj, errorReplacer)}`) },
            });
          },
        },
        TrainerScheduler,
        RetrainRequestedHandler,
        TrainingMetricsRefresher,
      ],
    };
  }
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? `${value.name}: ${value.message}` : value;
}
