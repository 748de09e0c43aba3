import { Inject, Injectable, OnModuleDestroy, type Provider } from '@nestjs/common';
import type { PredictionJob } from '@propcast/contracts';
import { PG_POOL } from '@propcast/db';
import { parseProcessorList, resolveFeatureSet } from '@propcast/feature-pipeline';
import { EVENT_BUS, type EventBus } from '@propcast/messaging';
import {
  createCoordinatorUseCases,
  createServingRepositories,
  FanOutUseCase,
  FinishBatchUseCase,
  GetBatchStatusUseCase,
  MeasureTipoffCoverageUseCase,
  openPredictionQueue,
  RecordJobFailureUseCase,
  RecordNewsUseCase,
  RecordTriggerUseCase,
  RecoverStalledBatchesUseCase,
  StartBatchUseCase,
  StartNewsBatchesUseCase,
  type CoordinatorUseCases,
} from '@propcast/prediction-serving';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { PredictionCoordinatorConfig } from './config';
import { COORDINATOR_CONFIG, COORDINATOR_USE_CASES, PREDICTION_QUEUE } from './coordinator.tokens';

/** Closes the queue producer; list it after every provider using the queue (Nest destroys them in order). */
@Injectable()
export class PredictionQueueLifecycle implements OnModuleDestroy {
  constructor(@Inject(PREDICTION_QUEUE) private readonly queue: Queue<PredictionJob>) {}

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

/** The coordinator's use cases wired to Postgres, the event bus and the predictions queue. */
export function coordinatorProviders(config: PredictionCoordinatorConfig): Provider[] {
  return [
    { provide: COORDINATOR_CONFIG, useValue: config },
    {
      provide: PREDICTION_QUEUE,
      useFactory: () => openPredictionQueue({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS }),
    },
    {
      provide: COORDINATOR_USE_CASES,
      useFactory: (pool: Pool, queue: Queue<PredictionJob>, bus: EventBus): CoordinatorUseCases =>
        createCoordinatorUseCases(
          { pool, queue, bus },
          {
            featureSetId: resolveFeatureSet(config.FEATURE_SET).id,
            jobSize: config.JOB_SIZE,
            expectedProcessors: parseProcessorList(config.FEATURE_PROCESSORS),
            mode: config.TRIGGER_MODE,
            stallTimeoutMs: config.STALL_TIMEOUT_MS,
          },
        ),
      inject: [PG_POOL, PREDICTION_QUEUE, EVENT_BUS],
    },
    // Each use case is injectable by its class, from the one composition root above.
    { provide: FinishBatchUseCase, useFactory: (u: CoordinatorUseCases) => u.finish, inject: [COORDINATOR_USE_CASES] },
    { provide: FanOutUseCase, useFactory: (u: CoordinatorUseCases) => u.fanOut, inject: [COORDINATOR_USE_CASES] },
    { provide: StartBatchUseCase, useFactory: (u: CoordinatorUseCases) => u.start, inject: [COORDINATOR_USE_CASES] },
    { provide: RecordTriggerUseCase, useFactory: (u: CoordinatorUseCases) => u.trigger, inject: [COORDINATOR_USE_CASES] },
    { provide: RecordJobFailureUseCase, useFactory: (u: CoordinatorUseCases) => u.recordJobFailure, inject: [COORDINATOR_USE_CASES] },
    { provide: RecoverStalledBatchesUseCase, useFactory: (u: CoordinatorUseCases) => u.recover, inject: [COORDINATOR_USE_CASES] },
    { provide: StartNewsBatchesUseCase, useFactory: (u: CoordinatorUseCases) => u.startNews, inject: [COORDINATOR_USE_CASES] },
    { provide: RecordNewsUseCase, useFactory: (pool: Pool) => new RecordNewsUseCase(pool, createServingRepositories()), inject: [PG_POOL] },
    { provide: GetBatchStatusUseCase, useFactory: (u: CoordinatorUseCases) => u.status, inject: [COORDINATOR_USE_CASES] },
    { provide: MeasureTipoffCoverageUseCase, useFactory: (pool: Pool) => new MeasureTipoffCoverageUseCase(pool, createServingRepositories()), inject: [PG_POOL] },
  ];
}
